package io.tern.server.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.eatthepath.pushy.apns.util.TokenUtil;
import io.tern.server.config.PushConfig;
import io.tern.server.core.push.Notification;
import io.tern.server.core.push.Platform;
import io.tern.server.core.push.PushDevice;
import io.tern.server.core.push.PushProvider;
import io.tern.server.core.push.PushResult;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * APNs over HTTP/2 with token authentication (pushy). The conversation is the {@code apns-collapse-id} and the
 * thread id; the notification id becomes the {@code apns-id} (a name-based UUID), so a resend after a crash is
 * recognisably the same. 410 (Unregistered) or a {@code BadDeviceToken} answer means the token is dead.
 */
final class ApnsProvider implements PushProvider {
    private final ApnsClient client;
    private final String topic;
    private final java.time.Clock clock;

    private ApnsProvider(ApnsClient client, String topic, java.time.Clock clock) {
        this.client = client;
        this.topic = topic;
        this.clock = clock;
    }

    static ApnsProvider connect(PushConfig.Apns config, java.time.Clock clock) {
        try {
            ApnsClientBuilder builder = new ApnsClientBuilder().setApnsServer(config.host(), config.port())
                    .setSigningKey(ApnsSigningKey.loadFromPkcs8File(new File(config.signingKeyFile()), config.teamId(),
                            config.keyId()));
            if (!config.trustedCertFile().isEmpty()) {
                builder.setTrustedServerCertificateChain(new File(config.trustedCertFile()));
            }
            return new ApnsProvider(builder.build(), config.topic(), clock);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up APNs with key " + config.signingKeyFile() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Platform platform() {
        return Platform.APNS;
    }

    @Override
    public CompletableFuture<PushResult> send(PushDevice device, Notification n) {
        SimpleApnsPayloadBuilder payload = new SimpleApnsPayloadBuilder();
        payload.setAlertTitle(n.title());
        payload.setAlertBody(n.body());
        payload.setBadgeNumber((int) Math.min(Integer.MAX_VALUE, n.badge()));
        payload.setThreadId(n.collapseKey());
        payload.setSound("default");
        payload.addCustomProperty("conversationId", n.conversationId());
        payload.addCustomProperty("seq", n.seq());
        payload.addCustomProperty("id", n.id());
        SimpleApnsPushNotification notification = new SimpleApnsPushNotification(
                TokenUtil.sanitizeTokenString(device.token()), topic, payload.build(),
                clock.instant().plus(SimpleApnsPushNotification.DEFAULT_EXPIRATION_PERIOD), DeliveryPriority.IMMEDIATE,
                PushType.ALERT, FcmProvider.collapseId(n.collapseKey()),
                UUID.nameUUIDFromBytes(n.id().getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> sent = client.sendNotification(notification);
        return sent.thenApply(ApnsProvider::result).exceptionally(e -> PushResult.RETRY);
    }

    private static PushResult result(PushNotificationResponse<?> r) {
        if (r.isAccepted()) {
            return PushResult.SENT;
        }
        String reason = r.getRejectionReason().orElse("");
        if (r.getTokenInvalidationTimestamp().isPresent() || r.getStatusCode() == 410
                || reason.equals("BadDeviceToken") || reason.equals("Unregistered")) {
            return PushResult.DEAD;
        }
        return HttpStatusResult.of(r.getStatusCode());
    }

    @Override
    public void close() {
        client.close();
    }
}
