package io.tern.server.core;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tern.protocol.ErrorCode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The server's own meters, created once so the hot path only increments (a LongAdder each). Exposed in
 * Prometheus format at {@code /metrics}: {@code tern_messages_accepted_total}, {@code tern_store_commit_seconds},
 * {@code tern_errors_total{code=...}} and so on.
 */
public final class TernMetrics {
    public final Counter accepted;
    public final Counter duplicates;
    public final Counter pushed;
    public final Counter acked;
    public final Counter ackFrames;
    public final Counter retried;
    public final Counter syncs;
    public final Counter pulls;
    public final Counter slowConsumers;
    public final Counter pushesHeld;
    public final Counter pushesFilled;
    public final Counter pushesDropped;
    public final Counter pushGapsSkipped;
    public final DistributionSummary batchSize;
    public final Timer commit;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

    public TernMetrics(MeterRegistry registry) {
        accepted = Counter.builder("tern.messages.accepted").description("messages committed (CHAT_RESP sent)")
                .register(registry);
        duplicates = Counter.builder("tern.messages.duplicates").description("resends answered with the original")
                .register(registry);
        pushed = Counter.builder("tern.messages.pushed").description("pushes written to devices (first attempts)")
                .register(registry);
        acked = Counter.builder("tern.messages.acked").description("pushes acknowledged by devices").register(registry);
        ackFrames = Counter.builder("tern.acks.received")
                .description("ACK frames received (tern_messages_acked over this: pushes per ACK)").register(registry);
        retried = Counter.builder("tern.messages.retried").description("pushes sent again for want of an ack")
                .register(registry);
        syncs = Counter.builder("tern.catchup.syncs").description("SYNC requests answered").register(registry);
        pulls = Counter.builder("tern.catchup.pulls").description("PULL pages served").register(registry);
        slowConsumers = Counter.builder("tern.slow.consumers").description("connections closed for not reading")
                .register(registry);
        pushesHeld = Counter.builder("tern.pushes.held")
                .description("pushes that waited for an earlier seq of their conversation").register(registry);
        pushesFilled = Counter.builder("tern.pushes.filled")
                .description("messages read from the store to fill a gap in the pushes of a conversation")
                .register(registry);
        pushesDropped = Counter.builder("tern.pushes.dropped")
                .description("pushes dropped because their seq had gone out already").register(registry);
        pushGapsSkipped = Counter.builder("tern.pushes.gaps.skipped")
                .description("gaps in pushes given up (devices pull them)").register(registry);
        batchSize = DistributionSummary.builder("tern.store.batch.size").description("messages per group commit")
                .register(registry);
        commit = Timer.builder("tern.store.commit").description("time of one group-commit transaction")
                .register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("tern.errors").tag("code", code.name())
                    .description("errors reported to clients, by code").register(registry));
        }
    }

    /** Meters that go nowhere, for tests of single classes. */
    public static TernMetrics discarding() {
        return new TernMetrics(new SimpleMeterRegistry());
    }

    public void error(ErrorCode code) {
        errors.get(code).increment();
    }
}
