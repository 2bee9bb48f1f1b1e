package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.FrameCodec;
import io.tern.server.core.TernException;
import io.tern.server.core.account.Principal;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One API request, copied out of Netty's buffers so routes can run on any thread. {@code principal} is set
 * for routes that require a token.
 */
public record ApiRequest(String method, String path, Map<String, String> pathParams,
                         Map<String, List<String>> query, String host, String bearerToken, byte[] body,
                         Principal principal, String remoteAddress) {

    ApiRequest withPrincipal(Principal p) {
        return new ApiRequest(method, path, pathParams, query, host, bearerToken, body, p, remoteAddress);
    }

    /** The body as a JSON object; BAD_FRAME if it is not one. */
    public JsonNode json() {
        try {
            JsonNode node = FrameCodec.mapper().readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException | RuntimeException e) {
            throw new TernException(ErrorCode.BAD_FRAME, "body is not valid JSON");
        }
        throw new TernException(ErrorCode.BAD_FRAME, "body must be a JSON object");
    }

    /** A text field of the JSON body, or null if absent; INVALID_FIELD if present but not a string. */
    public static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "field '" + field + "' must be a string");
        }
        return node.textValue();
    }

    /** An integer query parameter within bounds, or the default; INVALID_FIELD otherwise. */
    public long queryLong(String name, long defaultValue, long min, long max) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            return defaultValue;
        }
        try {
            long v = Long.parseLong(values.get(0));
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new TernException(ErrorCode.INVALID_FIELD, "query parameter '" + name + "' must be an integer in "
                + min + ".." + max);
    }

    public boolean hasQuery(String name) {
        List<String> values = query.get(name);
        return values != null && !values.isEmpty() && !values.get(0).isEmpty();
    }

    /** A path parameter that must be a positive integer id. */
    public long pathId(String name) {
        String raw = pathParams.get(name);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new TernException(ErrorCode.INVALID_FIELD, "'" + name + "' must be a positive integer");
    }

    /** A list of positive integer ids in the JSON body; empty if absent. */
    public static List<Long> ids(JsonNode body, String field, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > max) {
            throw new TernException(ErrorCode.INVALID_FIELD, "field '" + field + "' must be an array of at most "
                    + max + " user ids");
        }
        java.util.ArrayList<Long> out = new java.util.ArrayList<>();
        for (JsonNode id : node) {
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() <= 0) {
                throw new TernException(ErrorCode.INVALID_FIELD, "field '" + field + "' must hold positive user ids");
            }
            out.add(id.longValue());
        }
        return out;
    }

    /** A boolean field of the JSON body, or the default if absent. */
    public static boolean bool(JsonNode body, String field, boolean defaultValue) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "field '" + field + "' must be true or false");
        }
        return node.booleanValue();
    }
}
