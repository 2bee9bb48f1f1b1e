package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.push.Mute;
import io.tern.server.core.push.PushDevice;
import io.tern.server.core.push.PushService;
import io.tern.server.core.push.PushSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Push devices, notification settings and mutes of the caller (docs/push.md); the VAPID key for browsers. */
public final class PushRoutes {
    private final PushService push;
    private final String vapidPublicKey;

    /** {@code vapidPublicKey}: base64url, or null when Web Push is off. */
    public PushRoutes(PushService push, String vapidPublicKey) {
        this.push = push;
        this.vapidPublicKey = vapidPublicKey;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated("POST", "/api/push/devices", this::register),
                ApiRoute.authenticated("GET", "/api/push/devices", this::devices),
                ApiRoute.authenticated("DELETE", "/api/push/devices/{id}", this::remove),
                ApiRoute.authenticated("GET", "/api/push/settings", this::settings),
                ApiRoute.authenticated("PUT", "/api/push/settings", this::update),
                ApiRoute.authenticated("PUT", "/api/push/mutes/{conversationId}", this::mute),
                ApiRoute.authenticated("DELETE", "/api/push/mutes/{conversationId}", this::unmute),
                ApiRoute.open("GET", "/api/push/vapid", this::vapid));
    }

    private ApiResponse register(ApiRequest request) {
        JsonNode body = request.json();
        JsonNode sub = body.get("subscription");
        if (sub != null && !sub.isObject()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'subscription' must be an object");
        }
        JsonNode keys = sub == null ? null : sub.get("keys");
        PushDevice device = push.register(request.principal(), new PushService.Registration(
                ApiRequest.text(body, "platform"), ApiRequest.text(body, "token"),
                sub == null ? null : ApiRequest.text(sub, "endpoint"),
                keys == null || !keys.isObject() ? null : ApiRequest.text(keys, "p256dh"),
                keys == null || !keys.isObject() ? null : ApiRequest.text(keys, "auth"),
                ApiRequest.text(body, "locale")));
        return ApiResponse.created(json(device));
    }

    private ApiResponse devices(ApiRequest request) {
        return ApiResponse.ok(Map.of("devices", push.devices(request.principal().userId()).stream()
                .map(PushRoutes::json).toList()));
    }

    private ApiResponse remove(ApiRequest request) {
        push.remove(request.principal().userId(), request.pathId("id"));
        return ApiResponse.ok(Map.of("removed", true));
    }

    private ApiResponse settings(ApiRequest request) {
        long user = request.principal().userId();
        return ApiResponse.ok(json(push.settings(user), push.mutes(user)));
    }

    private ApiResponse update(ApiRequest request) {
        JsonNode body = request.json();
        long user = request.principal().userId();
        Boolean preview = body.hasNonNull("preview") ? ApiRequest.bool(body, "preview", true) : null;
        PushSettings s = push.update(user, preview, millis(body, "dndUntil"));
        return ApiResponse.ok(json(s, push.mutes(user)));
    }

    private ApiResponse mute(ApiRequest request) {
        JsonNode body = request.body().length == 0 ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : request.json();
        Mute m = push.mute(request.principal().userId(), request.pathParams().get("conversationId"), millis(body, "until"));
        return ApiResponse.ok(mute(m));
    }

    private ApiResponse unmute(ApiRequest request) {
        push.unmute(request.principal().userId(), request.pathParams().get("conversationId"));
        return ApiResponse.ok(Map.of("removed", true));
    }

    private ApiResponse vapid(ApiRequest request) {
        if (vapidPublicKey == null) {
            throw new TernException(ErrorCode.PUSH_PLATFORM_UNAVAILABLE, "Web Push is not configured on this server");
        }
        return ApiResponse.ok(Map.of("publicKey", vapidPublicKey));
    }

    private static Long millis(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'" + field + "' must be epoch milliseconds");
        }
        return node.longValue();
    }

    private static Map<String, Object> json(PushDevice d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("platform", d.platform().wireName());
        out.put("deviceId", d.deviceId());
        out.put(d.p256dh() == null ? "token" : "endpoint", d.token());
        out.put("locale", d.locale());
        out.put("createdAt", d.createdAt());
        return out;
    }

    private static Map<String, Object> json(PushSettings s, List<Mute> mutes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("preview", s.preview());
        out.put("dndUntil", s.dndUntil());
        out.put("mutes", mutes.stream().map(PushRoutes::mute).toList());
        return out;
    }

    private static Map<String, Object> mute(Mute m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", m.conversationId());
        out.put("until", m.until());
        return out;
    }
}
