package io.tern.server.core.limit;

import java.time.Duration;

/**
 * Port: failed-login counters shared by every node of a cluster, so an attacker spread over the nodes by the
 * balancer meets one back-off, not one per node. A single node has none ({@link #NONE}); when the shared store
 * cannot answer, {@link LoginThrottle} uses the node's own counters. All methods block: call off the event loops.
 */
public interface SharedBackoff {
    /** The answer when the shared counters cannot be asked. */
    long UNAVAILABLE = -1;

    SharedBackoff NONE = new SharedBackoff() {
        @Override
        public long waitMillis(String name, String key) {
            return UNAVAILABLE;
        }

        @Override
        public long failed(String name, String key, int freeFailures, Duration maxDelay) {
            return UNAVAILABLE;
        }

        @Override
        public void succeeded(String name, String key) {
        }
    };

    /** The milliseconds key {@code name}/{@code key} must still wait (0: none), or {@link #UNAVAILABLE}. */
    long waitMillis(String name, String key);

    /**
     * Counts a failure: after {@code freeFailures} each one sets a wait, from one second doubling up to
     * {@code maxDelay}; counters with no failure for twice {@code maxDelay} start over. Answers the wait now set,
     * or {@link #UNAVAILABLE}.
     */
    long failed(String name, String key, int freeFailures, Duration maxDelay);

    /** Clears the key (a successful login). */
    void succeeded(String name, String key);
}
