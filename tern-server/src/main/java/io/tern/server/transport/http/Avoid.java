package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional {@code avoid} field of {@code POST /api/login} and {@code POST /api/reconnect}: the WebSocket
 * URLs the client just failed to reach or was moved off, which the login route then does not answer with.
 */
final class Avoid {
    /** A client names the node it left, perhaps one more that failed on the way; more is a mistake. */
    static final int MAX = 8;
    private static final int MAX_URL_LENGTH = 2048;

    private Avoid() {
    }

    static List<String> of(JsonNode body) {
        JsonNode field = body == null ? null : body.get("avoid");
        if (field == null || field.isNull()) {
            return List.of();
        }
        if (!field.isArray() || field.size() > MAX) {
            throw new TernException(ErrorCode.INVALID_FIELD, "avoid must be an array of at most " + MAX + " URLs");
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode url : field) {
            if (!url.isTextual() || url.asText().length() > MAX_URL_LENGTH) {
                throw new TernException(ErrorCode.INVALID_FIELD, "avoid must hold WebSocket URLs as strings");
            }
            urls.add(url.asText());
        }
        return urls;
    }
}
