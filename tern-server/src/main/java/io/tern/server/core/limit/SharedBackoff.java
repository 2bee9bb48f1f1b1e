package io.tern.server.core.limit;

import java.time.Duration;
import java.util.List;

/**
 * Port: failed-login counters shared by every node of a cluster, so an attacker spread over the nodes by the
 * balancer meets one back-off, not one per node. A single node has none ({@link #NONE}); when the shared store
 * cannot answer, {@link FailedLogins} uses the node's own counters. Each call asks about several counters at once
 * (one round trip, not one per counter). All methods block: call off the event loops.
 */
public interface SharedBackoff {
    /** The answer when the shared counters cannot be asked. */
    long UNAVAILABLE = -1;

    /** One counter: {@code name} says which kind (per address, per user…), {@code key} whose. */
    record Counter(String name, String key, int freeFailures) {
    }

    SharedBackoff NONE = new SharedBackoff() {
        @Override
        public long[] waitMillis(List<Counter> counters) {
            return null;
        }

        @Override
        public long[] failed(List<Counter> counters, Duration maxDelay) {
            return null;
        }

        @Override
        public void succeeded(Counter counter) {
        }
    };

    /** The milliseconds each counter must still wait (0: none), in order; null if they cannot be asked. */
    long[] waitMillis(List<Counter> counters);

    /**
     * Counts a failure on each counter: after its {@code freeFailures} each one sets a wait, from one second
     * doubling up to {@code maxDelay}; counters with no failure for twice {@code maxDelay} start over. Answers the
     * waits now set, or null.
     */
    long[] failed(List<Counter> counters, Duration maxDelay);

    /** Clears the counter (a successful login). */
    void succeeded(Counter counter);
}
