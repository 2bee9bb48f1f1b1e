package io.tern.server.push;

import io.tern.server.config.PushConfig;
import io.tern.server.core.push.Platform;
import io.tern.server.core.push.PushProvider;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Builds the providers the configuration turns on. */
final class PushProviders {
    private PushProviders() {
    }

    static Map<Platform, PushProvider> build(PushConfig config, Clock clock, VapidKeys vapid) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<Platform, PushProvider> out = new EnumMap<>(Platform.class);
        if (config.webhook().on()) {
            out.put(Platform.WEBHOOK, new WebhookProvider(http, config.webhook(), clock));
        }
        if (config.fcm().on()) {
            out.put(Platform.FCM, new FcmProvider(http, config.fcm(), FcmCredentials.of(http, config.fcm(), clock)));
        }
        if (config.apns().on()) {
            out.put(Platform.APNS, ApnsProvider.connect(config.apns(), clock));
        }
        if (vapid != null) {
            out.put(Platform.WEBPUSH, new WebPushProvider(http, vapid, config.webPush(), clock));
        }
        return out;
    }
}
