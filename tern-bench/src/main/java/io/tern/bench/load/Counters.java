package io.tern.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Run-wide totals, written from both event loops without contention (LongAdder). */
public final class Counters {
    public final LongAdder sent = new LongAdder();
    /** Sends whose (intended) send time lies in the measured window. */
    public final LongAdder sentInWindow = new LongAdder();
    public final LongAdder accepted = new LongAdder();
    public final LongAdder acceptedInWindow = new LongAdder();
    /** ERROR frames answering a CHAT: nothing was stored. */
    public final LongAdder sendErrors = new LongAdder();
    /** New messages received (not counting re-pushes of a seq already held). */
    public final LongAdder delivered = new LongAdder();
    public final LongAdder deliveredInWindow = new LongAdder();
    /** Pushes covered by the cumulative ACKs sent. */
    public final LongAdder acked = new LongAdder();
    public final LongAdder redelivered = new LongAdder();
    /** Pushes that are not this run's bench messages (older runs, group events). */
    public final LongAdder foreign = new LongAdder();
    public final LongAdder badFrames = new LongAdder();
    /**
     * SYNC_HINT frames: a cluster node asked the device to SYNC (a push may have been missed). The bench's
     * connections do not SYNC, so what such a SYNC would fetch shows as missing in the check.
     */
    public final LongAdder syncHints = new LongAdder();
    /** Connections the server closed (or that dropped) before the bench closed them. */
    public final LongAdder closed = new LongAdder();
    /** Connections that completed the handshake. */
    public final LongAdder opened = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> kicks = new ConcurrentHashMap<>();

    public void error(String name) {
        errors.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    public void kick(String reason) {
        kicks.computeIfAbsent(reason == null ? "unknown" : reason, k -> new LongAdder()).increment();
    }

    public Map<String, Long> errors() {
        return snapshot(errors);
    }

    public Map<String, Long> kicks() {
        return snapshot(kicks);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<String, Long> snapshot(ConcurrentHashMap<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
