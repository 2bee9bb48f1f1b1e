package io.tern.server.config;

import java.time.Duration;

/**
 * Offline push notifications (docs/push.md). The worker waits {@code delay} before notifying a device, polls
 * the message log every {@code pollInterval} and rescans {@code scanLookback} of commit time for commits that
 * became visible late; failed sends are retried from {@code retryInitial}, doubling up to {@code retryMax}, at
 * most {@code maxAttempts} times. A provider is on when its keys are set.
 */
public record PushConfig(boolean enabled, Duration delay, Duration pollInterval, Duration scanLookback,
                         Duration retryInitial, Duration retryMax, int maxAttempts, int maxQueued, int maxInFlight,
                         int maxDevicesPerUser, Webhook webhook, Fcm fcm, Apns apns, WebPush webPush) {

    /** The team's own push service: every notification is POSTed there, signed with {@code secret}. */
    public record Webhook(String url, String secret) {
        public boolean on() {
            return !url.isEmpty();
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=****]";
        }
    }

    /**
     * Firebase Cloud Messaging HTTP v1: {@code endpoint} with {@code {project}} replaced by {@code projectId};
     * credentials from a service-account JSON file (OAuth token by a signed JWT) or a static bearer token.
     */
    public record Fcm(String projectId, String endpoint, String serviceAccountFile, String bearerToken) {
        public boolean on() {
            return !projectId.isEmpty();
        }

        @Override
        public String toString() {
            return "Fcm[projectId=" + projectId + ", endpoint=" + endpoint + ", bearerToken=****]";
        }
    }

    /** Apple Push Notification service over HTTP/2 with a token signing key (.p8). */
    public record Apns(String host, int port, String topic, String signingKeyFile, String teamId, String keyId,
                       String trustedCertFile) {
        public boolean on() {
            return !topic.isEmpty();
        }
    }

    /**
     * Web Push (RFC 8030/8291) with VAPID keys kept in the data directory. {@code allowInsecure} accepts http://
     * subscription endpoints (tests on a local receiver only).
     */
    public record WebPush(boolean on, String subject, boolean allowInsecure) {
    }
}
