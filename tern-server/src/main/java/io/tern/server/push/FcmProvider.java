package io.tern.server.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tern.protocol.FrameCodec;
import io.tern.server.config.PushConfig;
import io.tern.server.core.push.Notification;
import io.tern.server.core.push.Platform;
import io.tern.server.core.push.PushDevice;
import io.tern.server.core.push.PushProvider;
import io.tern.server.core.push.PushResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * FCM HTTP v1 ({@code messages:send}). The conversation is the collapse key (Android) and the notification tag,
 * so a newer notification of a conversation replaces the older one. 404 or an {@code UNREGISTERED} error means the
 * token is dead; 401 refreshes the OAuth token and retries.
 */
final class FcmProvider implements PushProvider {
    private final HttpClient http;
    private final URI endpoint;
    private final FcmCredentials credentials;

    FcmProvider(HttpClient http, PushConfig.Fcm config, FcmCredentials credentials) {
        this.http = http;
        this.endpoint = URI.create(config.endpoint().replace("{project}", config.projectId()));
        this.credentials = credentials;
    }

    @Override
    public Platform platform() {
        return Platform.FCM;
    }

    @Override
    public CompletableFuture<PushResult> send(PushDevice device, Notification n) {
        byte[] body = body(device, n);
        return credentials.token().thenCompose(token -> http.sendAsync(HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()))
                .thenApply(this::result)
                .exceptionally(e -> PushResult.RETRY);
    }

    private PushResult result(HttpResponse<String> r) {
        if (r.statusCode() == 401) {
            credentials.invalidate();
            return PushResult.RETRY;
        }
        if (r.body() != null && r.body().contains("\"UNREGISTERED\"")) {
            return PushResult.DEAD;
        }
        return HttpStatusResult.of(r.statusCode());
    }

    private static byte[] body(PushDevice device, Notification n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", n.id());
        data.put("conversationId", n.conversationId());
        data.put("seq", Long.toString(n.seq()));
        data.put("messages", Integer.toString(n.messages()));
        data.put("badge", Long.toString(n.badge()));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("token", device.token());
        message.put("notification", Map.of("title", n.title(), "body", n.body()));
        message.put("data", data);
        message.put("android", Map.of("collapse_key", n.collapseKey(),
                "notification", Map.of("tag", n.collapseKey(), "notification_count", n.messages())));
        message.put("apns", Map.of("headers", Map.of("apns-collapse-id", collapseId(n.collapseKey())),
                "payload", Map.of("aps", Map.of("badge", n.badge()))));
        try {
            return FrameCodec.mapper().writeValueAsBytes(Map.of("message", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** APNs collapse ids are at most 64 bytes. */
    static String collapseId(String key) {
        return key.length() <= 64 ? key : key.substring(0, 64);
    }
}
