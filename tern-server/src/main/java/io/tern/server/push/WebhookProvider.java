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
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each notification as JSON to the team's own push service. {@code X-Tern-Signature: sha256=<hex>} is the
 * HMAC-SHA256, keyed with {@code push.webhook.secret}, of {@code <X-Tern-Timestamp>.<body>}, so the receiver can
 * check origin and age; the body's {@code id} is stable for a burst, so a resend after a crash can be dropped.
 * 404 or 410 means the device's token is gone.
 */
public final class WebhookProvider implements PushProvider {
    static final String SIGNATURE = "X-Tern-Signature";
    static final String TIMESTAMP = "X-Tern-Timestamp";

    private final HttpClient client;
    private final URI url;
    private final byte[] secret;
    private final Clock clock;

    public WebhookProvider(HttpClient client, PushConfig.Webhook config, Clock clock) {
        this.client = client;
        this.url = URI.create(config.url());
        this.secret = config.secret().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.WEBHOOK;
    }

    @Override
    public CompletableFuture<PushResult> send(PushDevice device, Notification n) {
        byte[] body = body(device, n);
        String timestamp = Long.toString(clock.millis() / 1000);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "sha256=" + sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> HttpStatusResult.of(r.statusCode()))
                .exceptionally(e -> PushResult.RETRY);
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing", e);
        }
    }

    private static byte[] body(PushDevice device, Notification n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", n.id());
        out.put("token", device.token());
        out.put("userId", device.userId());
        out.put("deviceId", device.deviceId());
        out.put("locale", device.locale());
        out.put("conversationId", n.conversationId());
        out.put("seq", n.seq());
        out.put("senderId", n.senderId());
        out.put("title", n.title());
        out.put("body", n.body());
        out.put("messages", n.messages());
        out.put("badge", n.badge());
        out.put("preview", n.preview());
        try {
            return FrameCodec.mapper().writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
