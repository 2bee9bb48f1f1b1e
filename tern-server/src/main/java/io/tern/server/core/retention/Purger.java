package io.tern.server.core.retention;

import io.tern.server.core.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The purge job. {@link #tick()} is called often (every second) and costs a comparison; once the interval
 * has passed on the ticker, a run goes to the blocking executor. A run deletes in batches of
 * {@code batch} messages, each its own short transaction, so the message writer waits at most one batch
 * for the store; it stops after {@link #MAX_BATCHES_PER_RUN} batches and goes on at the next interval.
 * Then the media references of the purged messages go, batched the same way, and {@code mediaSweep} runs, so
 * media only purged history used is deleted from storage now rather than at the next media sweep.
 */
public final class Purger {
    private static final Logger log = LoggerFactory.getLogger(Purger.class);
    static final int MAX_BATCHES_PER_RUN = 2_000;

    private final RetentionStore store;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final Ticker ticker;
    private final Executor blocking;
    private final Runnable mediaSweep;
    private final AtomicBoolean running = new AtomicBoolean();
    /** The first run also clears references a run cut short (stopped node) left behind. */
    private volatile boolean firstRun = true;
    private volatile long lastRunNanos;

    public Purger(RetentionStore store, RetentionPolicy policy, Clock clock, Ticker ticker, Executor blocking,
                  Runnable mediaSweep) {
        this.store = store;
        this.mediaSweep = mediaSweep;
        this.policy = policy;
        this.clock = clock;
        this.ticker = ticker;
        this.blocking = blocking;
        this.lastRunNanos = ticker.nanos();
    }

    /** Starts a run if the interval has passed since the last one began and none is running. */
    public void tick() {
        if (!policy.enabled() || ticker.nanos() - lastRunNanos < policy.interval().toNanos()
                || !running.compareAndSet(false, true)) {
            return;
        }
        lastRunNanos = ticker.nanos();
        try {
            blocking.execute(() -> {
                try {
                    runOnce();
                } catch (RuntimeException e) {
                    log.warn("retention purge failed; retried at the next interval: {}", e.toString());
                } finally {
                    running.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            running.set(false); // shutting down
        }
    }

    /** One run over both kinds; returns the messages deleted. */
    public long runOnce() {
        long now = clock.millis();
        long deleted = purge("p:", policy.direct(), now) + purge("g:", policy.group(), now);
        long refs = deleted > 0 || firstRun ? forgetMediaReferences() : 0;
        firstRun = false;
        if (deleted > 0) {
            log.info("retention purge deleted {} messages and {} media references (direct older than {}, group "
                    + "older than {})", deleted, refs, describe(policy.direct()), describe(policy.group()));
        }
        if (refs > 0) {
            mediaSweep.run();
        }
        return deleted;
    }

    private long forgetMediaReferences() {
        long total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int n = store.forgetReferencesOfPurged(policy.batch());
            total += n;
            if (n < policy.batch()) {
                break;
            }
        }
        return total;
    }

    private long purge(String prefix, Duration keep, long now) {
        if (keep.isZero()) {
            return 0;
        }
        long before = now - keep.toMillis();
        long total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int n = store.deleteOlderThan(prefix, before, policy.batch());
            total += n;
            if (n < policy.batch()) {
                break;
            }
        }
        return total;
    }

    private static String describe(Duration keep) {
        return keep.isZero() ? "never" : keep.toString();
    }
}
