package io.tern.bench.load;

import java.time.Duration;

/**
 * The timeline of one run, on {@link System#nanoTime()}: sending starts at {@code start}, results count
 * from {@code measureFrom} (after the warmup) to {@code measureTo}, then senders stop and in-flight
 * messages drain. Message bodies carry times as microseconds since {@code origin}; sender and receiver
 * share this JVM's clock, so no clock skew enters the latency.
 */
public final class RunWindow {
    public final long origin = System.nanoTime();
    private volatile long start = Long.MAX_VALUE;
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureTo = Long.MAX_VALUE;
    private volatile boolean stopped;

    /**
     * Fixes the timeline: sending starts a moment from now. The start lies on a whole microsecond after
     * the origin, so a send time written into a body (truncated to microseconds) never falls before it.
     */
    public void begin(Duration warmup, Duration duration) {
        begin(System.nanoTime() + 20_000_000L, warmup, duration);
    }

    /** Fixes the timeline with sending from {@code startNanos} (rounded up to a whole microsecond). */
    public void begin(long startNanos, Duration warmup, Duration duration) {
        long s = startNanos;
        s = origin + ((s - origin + 999) / 1000) * 1000;
        long from = s + warmup.toNanos();
        measureTo = from + duration.toNanos();
        measureFrom = from;
        start = s;
    }

    public long start() {
        return start;
    }

    public long measureFrom() {
        return measureFrom;
    }

    public long measureTo() {
        return measureTo;
    }

    public boolean inMeasure(long nanos) {
        return nanos >= measureFrom && nanos < measureTo;
    }

    /** Whether senders may still send at {@code now}. */
    public boolean sending(long now) {
        return !stopped && now < measureTo;
    }

    public void stop() {
        stopped = true;
    }

    public boolean stopped() {
        return stopped;
    }

    public long micros(long nanos) {
        return Math.max(0, (nanos - origin) / 1000);
    }

    public long nanos(long micros) {
        return origin + micros * 1000;
    }

    public String phase(long nanos) {
        if (nanos < measureFrom) {
            return "warmup";
        }
        return nanos < measureTo ? "measure" : "drain";
    }
}
