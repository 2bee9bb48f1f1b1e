package io.tern.server.core.limit;

import io.tern.server.core.Ticker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator when a limit trips, at most once a minute per limit: a flood of refused messages must
 * not become a flood of log lines. The line names the address or user that tripped it last and how many
 * trips the quiet period swallowed. Keys are the fixed limit descriptions, so the map stays a few entries.
 */
final class TripLog {
    private static final Logger log = LoggerFactory.getLogger(TripLog.class);
    static final long QUIET_NANOS = 60_000_000_000L;

    private record Window(long startNanos, long suppressed) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Ticker ticker;

    TripLog(Ticker ticker) {
        this.ticker = ticker;
    }

    /** Records one trip of {@code limit} by {@code who}; returns whether a line was logged for it. */
    boolean tripped(String limit, String who) {
        long now = ticker.nanos();
        long[] swallowed = {-1};
        windows.compute(limit, (k, w) -> {
            if (w == null || now - w.startNanos() >= QUIET_NANOS) {
                swallowed[0] = w == null ? 0 : w.suppressed();
                return new Window(now, 0);
            }
            return new Window(w.startNanos(), w.suppressed() + 1);
        });
        if (swallowed[0] < 0) {
            return false;
        }
        log.warn("rate limit tripped: {} ({}); {} more trips of it in the minute before were not logged",
                limit, who, swallowed[0]);
        return true;
    }
}
