package io.tern.server.config;

import static io.tern.server.config.ConfigKeys.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Reads and checks the {@code push.*} keys for {@link ConfigLoader}; problems are added to its list. */
final class PushConfigReader {
    interface Ints {
        int get(ConfigKeys.Key key, int min, int max);
    }

    private PushConfigReader() {
    }

    static PushConfig read(Function<ConfigKeys.Key, String> text, Ints integer,
                           Function<ConfigKeys.Key, Duration> duration, List<String> problems) {
        PushConfig.Webhook webhook = new PushConfig.Webhook(text.apply(PUSH_WEBHOOK_URL), text.apply(PUSH_WEBHOOK_SECRET));
        if (webhook.on() && !webhook.url().matches("https?://\\S+")) {
            problems.add(PUSH_WEBHOOK_URL.name() + " must be an http:// or https:// URL");
        }
        if (webhook.on() && webhook.secret().length() < 16) {
            problems.add(PUSH_WEBHOOK_SECRET.name() + " must have at least 16 characters when " + PUSH_WEBHOOK_URL.name()
                    + " is set");
        }
        PushConfig.Fcm fcm = new PushConfig.Fcm(text.apply(PUSH_FCM_PROJECT), text.apply(PUSH_FCM_ENDPOINT),
                text.apply(PUSH_FCM_ACCOUNT), text.apply(PUSH_FCM_TOKEN));
        if (fcm.on()) {
            if (!fcm.endpoint().matches("https?://\\S+")) {
                problems.add(PUSH_FCM_ENDPOINT.name() + " must be an http:// or https:// URL");
            }
            if (fcm.serviceAccountFile().isEmpty() == fcm.bearerToken().isEmpty()) {
                problems.add("FCM needs exactly one of " + PUSH_FCM_ACCOUNT.name() + " and " + PUSH_FCM_TOKEN.name());
            }
            readable(fcm.serviceAccountFile(), PUSH_FCM_ACCOUNT, problems);
        }
        PushConfig.Apns apns = new PushConfig.Apns(text.apply(PUSH_APNS_HOST), integer.get(PUSH_APNS_PORT, 1, 65535),
                text.apply(PUSH_APNS_TOPIC), text.apply(PUSH_APNS_KEY), text.apply(PUSH_APNS_TEAM),
                text.apply(PUSH_APNS_KEY_ID), text.apply(PUSH_APNS_TRUST));
        if (apns.on()) {
            if (apns.signingKeyFile().isEmpty() || apns.teamId().isEmpty() || apns.keyId().isEmpty()) {
                problems.add("APNs needs " + PUSH_APNS_KEY.name() + ", " + PUSH_APNS_TEAM.name() + " and "
                        + PUSH_APNS_KEY_ID.name() + " with " + PUSH_APNS_TOPIC.name());
            }
            readable(apns.signingKeyFile(), PUSH_APNS_KEY, problems);
            readable(apns.trustedCertFile(), PUSH_APNS_TRUST, problems);
        }
        PushConfig.WebPush webPush = new PushConfig.WebPush(bool(text, PUSH_WEBPUSH, problems),
                text.apply(PUSH_WEBPUSH_SUBJECT), bool(text, PUSH_WEBPUSH_INSECURE, problems));
        if (!webPush.subject().matches("(mailto:|https://)\\S+")) {
            problems.add(PUSH_WEBPUSH_SUBJECT.name() + " must be a mailto: or https:// contact");
        }
        PushConfig push = new PushConfig(bool(text, PUSH_ENABLED, problems), duration.apply(PUSH_DELAY),
                duration.apply(PUSH_POLL), duration.apply(PUSH_LOOKBACK), duration.apply(PUSH_RETRY_INITIAL),
                duration.apply(PUSH_RETRY_MAX), integer.get(PUSH_MAX_ATTEMPTS, 1, 100),
                integer.get(PUSH_MAX_QUEUED, 100, 10_000_000), integer.get(PUSH_MAX_IN_FLIGHT, 1, 10_000),
                integer.get(PUSH_MAX_DEVICES, 1, 1000), webhook, fcm, apns, webPush);
        if (push.retryInitial().compareTo(push.retryMax()) > 0) {
            problems.add(PUSH_RETRY_INITIAL.name() + " must not exceed " + PUSH_RETRY_MAX.name());
        }
        if (push.pollInterval().compareTo(Duration.ofSeconds(10)) > 0) {
            problems.add(PUSH_POLL.name() + " must be at most 10s");
        }
        return push;
    }

    private static boolean bool(Function<ConfigKeys.Key, String> text, ConfigKeys.Key key, List<String> problems) {
        String raw = text.apply(key);
        if (!raw.equals("true") && !raw.equals("false")) {
            problems.add(key.name() + " must be true or false, was '" + raw + "'");
        }
        return raw.equals("true");
    }

    private static void readable(String file, ConfigKeys.Key key, List<String> problems) {
        if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
            problems.add(key.name() + ": file " + file + " is not readable");
        }
    }
}
