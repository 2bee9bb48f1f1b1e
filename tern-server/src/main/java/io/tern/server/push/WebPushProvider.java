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
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Web Push (RFC 8030) to the subscription's endpoint: the payload encrypted for the browser (RFC 8291), the
 * request authorised with a VAPID JWT (RFC 8292, ES256) for the endpoint's origin, and a {@code Topic} per
 * conversation so the push service keeps only the newest undelivered notification of it. 404 or 410 means the
 * subscription is gone.
 */
final class WebPushProvider implements PushProvider {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final HttpClient http;
    private final VapidKeys vapid;
    private final PushConfig.WebPush config;
    private final Clock clock;
    private final WebPushCrypto crypto = new WebPushCrypto(new SecureRandom());

    WebPushProvider(HttpClient http, VapidKeys vapid, PushConfig.WebPush config, Clock clock) {
        this.http = http;
        this.vapid = vapid;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.WEBPUSH;
    }

    @Override
    public CompletableFuture<PushResult> send(PushDevice device, Notification n) {
        HttpRequest request;
        try {
            URI endpoint = URI.create(device.token());
            byte[] body = crypto.encrypt(payload(n), Base64.getUrlDecoder().decode(device.p256dh()),
                    Base64.getUrlDecoder().decode(device.auth()));
            request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Encoding", "aes128gcm")
                    .header("TTL", "86400")
                    .header("Urgency", "high")
                    .header("Topic", topic(n.collapseKey()))
                    .header("Authorization", "vapid t=" + jwt(endpoint) + ", k=" + vapid.publicKeyBase64())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(PushResult.REJECTED);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> HttpStatusResult.of(r.statusCode()))
                .exceptionally(e -> PushResult.RETRY);
    }

    /** What the service worker gets (web/push-sw.js). */
    static byte[] payload(Notification n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", n.id());
        out.put("title", n.title());
        out.put("body", n.body());
        out.put("conversationId", n.conversationId());
        out.put("seq", n.seq());
        out.put("messages", n.messages());
        out.put("badge", n.badge());
        try {
            return FrameCodec.mapper().writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String jwt(URI endpoint) throws GeneralSecurityException {
        String aud = endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        long exp = clock.millis() / 1000 + 12 * 3600;
        String header = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = B64.encodeToString(("{\"aud\":\"" + aud + "\",\"exp\":" + exp + ",\"sub\":\"" + config.subject()
                + "\"}").getBytes(StandardCharsets.UTF_8));
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(vapid.privateKey());
        es256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + B64.encodeToString(es256.sign());
    }

    /** Topics are at most 32 base64url characters: a hash of the conversation id. */
    private static String topic(String key) throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        return B64.encodeToString(hash).substring(0, 32);
    }
}
