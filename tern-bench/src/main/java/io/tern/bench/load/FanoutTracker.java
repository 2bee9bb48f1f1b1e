package io.tern.bench.load;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Fan-out latency to the last member: for each group message, the largest (receive - send) over all its
 * receivers, recorded when the last of them got it. Members sit on both event loops, so the per-message
 * state is shared; messages still here after the run never reached every member.
 */
public final class FanoutTracker {
    private static final class Fan {
        int remaining;
        long max;

        Fan(int remaining) {
            this.remaining = remaining;
        }
    }

    private final ConcurrentHashMap<Long, Fan> pending = new ConcurrentHashMap<>();
    private final int receivers;
    private final LatencyStats stats;

    public FanoutTracker(int receivers, LatencyStats stats) {
        this.receivers = receivers;
        this.stats = stats;
    }

    public void delivered(int sender, long msg, long latencyNanos, boolean inWindow) {
        long key = ((long) sender << 40) | msg;
        Fan fan = pending.computeIfAbsent(key, k -> new Fan(receivers));
        long max;
        boolean last;
        synchronized (fan) {
            if (latencyNanos > fan.max) {
                fan.max = latencyNanos;
            }
            last = --fan.remaining == 0;
            max = fan.max;
        }
        if (last) {
            pending.remove(key);
            stats.record(max, inWindow);
        }
    }

    /** Messages that some receiver has not got (yet). */
    public long incomplete() {
        return pending.size();
    }
}
