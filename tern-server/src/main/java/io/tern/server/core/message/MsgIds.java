package io.tern.server.core.message;

import java.time.Clock;

/**
 * Globally unique, time-ordered message ids: 41 bits of milliseconds since 2024, 10 bits of node id, 12 bits
 * of counter, written in base 36. The clock is never allowed to run backwards: within a run the last millisecond
 * is kept, and across restarts {@link #continueAfter} seeds it past the largest id already stored, so a clock
 * that is behind the previous run's never hands out an id that exists.
 */
public final class MsgIds {
    private static final long EPOCH = 1_704_067_200_000L;

    private final Clock clock;
    private final long node;
    private long lastMillis;
    private long counter;

    public MsgIds(Clock clock, int node) {
        if (node < 0 || node > 1023) {
            throw new IllegalArgumentException("node must be 0..1023");
        }
        this.clock = clock;
        this.node = node;
    }

    /**
     * Makes every later id greater than {@code storedId} (an id this scheme produced, in base 36), whatever the
     * clock says: ids then run ahead of the clock until it catches up, instead of colliding with stored ones.
     */
    public synchronized void continueAfter(String storedId) {
        long id = Long.parseLong(storedId, 36);
        long millis = (id >>> 22) + EPOCH;
        if (millis >= lastMillis) {
            lastMillis = millis + 1;
            counter = 0;
        }
    }

    public synchronized String next() {
        long now = Math.max(clock.millis(), lastMillis);
        if (now == lastMillis) {
            counter++;
            if (counter > 0xFFF) {
                now++;
                counter = 0;
            }
        } else {
            counter = 0;
        }
        lastMillis = now;
        long id = ((now - EPOCH) << 22) | (node << 12) | counter;
        return Long.toString(id, 36);
    }
}
