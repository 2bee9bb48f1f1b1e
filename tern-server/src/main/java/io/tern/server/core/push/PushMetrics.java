package io.tern.server.core.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Meters of the push path, per platform: {@code tern_push_sent_total}, {@code tern_push_failed_total} (dropped
 * after the last attempt or refused), {@code tern_push_retried_total}, {@code tern_push_dead_tokens_total};
 * {@code tern_push_skipped_total{reason}} for bursts closed without a notification.
 */
public final class PushMetrics {
    private final Map<Platform, Counter> sent = new EnumMap<>(Platform.class);
    private final Map<Platform, Counter> failed = new EnumMap<>(Platform.class);
    private final Map<Platform, Counter> retried = new EnumMap<>(Platform.class);
    private final Map<Platform, Counter> dead = new EnumMap<>(Platform.class);
    private final Map<Decision, Counter> skipped = new EnumMap<>(Decision.class);

    public PushMetrics(MeterRegistry registry) {
        for (Platform p : Platform.values()) {
            sent.put(p, counter(registry, "tern.push.sent", "notifications accepted by the provider", p));
            failed.put(p, counter(registry, "tern.push.failed", "notifications dropped: refused or out of attempts", p));
            retried.put(p, counter(registry, "tern.push.retried", "failed sends scheduled again", p));
            dead.put(p, counter(registry, "tern.push.dead.tokens", "devices removed because the provider said gone", p));
        }
        for (Decision d : Decision.values()) {
            if (d != Decision.SEND) {
                skipped.put(d, Counter.builder("tern.push.skipped").tag("reason", d.name().toLowerCase(java.util.Locale.ROOT))
                        .description("bursts closed without a notification").register(registry));
            }
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String description, Platform p) {
        return Counter.builder(name).tag("platform", p.wireName()).description(description).register(registry);
    }

    void sent(Platform p) {
        sent.get(p).increment();
    }

    void failed(Platform p) {
        failed.get(p).increment();
    }

    void retried(Platform p) {
        retried.get(p).increment();
    }

    void dead(Platform p) {
        dead.get(p).increment();
    }

    void skipped(Decision d) {
        skipped.get(d).increment();
    }
}
