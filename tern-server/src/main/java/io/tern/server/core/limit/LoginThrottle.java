package io.tern.server.core.limit;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Back-off after failed logins, per key (a username at an address, an address, a username): after
 * {@code freeFailures} failures each further attempt must wait, starting at one second and doubling up to
 * {@code maxDelay}. A success clears the key; a key with no failure for twice {@code maxDelay} starts over,
 * so a mistake made last week does not count today. Guessing passwords then costs hours instead of seconds,
 * while a user who mistypes a few times never notices. Time is read from a monotonic ticker: a wall-clock
 * step neither lifts nor extends a wait.
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 100_000;

    private record State(int failures, long lockedUntil, long lastFailure) {
    }

    private final int freeFailures;
    private final long maxDelayMillis;
    private final Ticker ticker;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public LoginThrottle(int freeFailures, Duration maxDelay, Ticker ticker) {
        this.freeFailures = freeFailures;
        this.maxDelayMillis = maxDelay.toMillis();
        this.ticker = ticker;
    }

    /** 0 if an attempt is allowed now, else the milliseconds to wait. */
    public long waitMillis(String key) {
        State s = states.get(key);
        return s == null ? 0 : Math.max(0, s.lockedUntil() - ticker.millis());
    }

    public void failed(String key) {
        if (freeFailures <= 0) {
            return;
        }
        long now = ticker.millis();
        if (states.size() > MAX_KEYS) {
            states.entrySet().removeIf(e -> forgotten(e.getValue(), now));
        }
        states.compute(key, (k, s) -> {
            int failures = s == null || forgotten(s, now) ? 1 : s.failures() + 1;
            int over = failures - freeFailures;
            long delay = over <= 0 ? 0 : Math.min(maxDelayMillis, 1000L << Math.min(over - 1, 30));
            return new State(failures, now + delay, now);
        });
    }

    public void succeeded(String key) {
        states.remove(key);
    }

    /** Failures before the back-off starts; 0: the throttle is off. */
    int freeFailures() {
        return freeFailures;
    }

    private boolean forgotten(State s, long now) {
        return now - s.lastFailure() > 2 * Math.max(maxDelayMillis, 1000);
    }
}
