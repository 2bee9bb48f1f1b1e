package io.tern.server.core.limit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Back-off after failed logins, per key (a username, an address): after {@code freeFailures} failures each
 * further attempt must wait, starting at one second and doubling up to {@code maxDelay}. A success clears
 * the key. Guessing passwords then costs hours instead of seconds, while a user who mistypes a few times
 * never notices.
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 100_000;

    private record State(int failures, long lockedUntil) {
    }

    private final int freeFailures;
    private final Duration maxDelay;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public LoginThrottle(int freeFailures, Duration maxDelay, Clock clock) {
        this.freeFailures = freeFailures;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** 0 if an attempt is allowed now, else the milliseconds to wait. */
    public long waitMillis(String key) {
        State s = states.get(key);
        return s == null ? 0 : Math.max(0, s.lockedUntil() - clock.millis());
    }

    public void failed(String key) {
        if (freeFailures <= 0) {
            return;
        }
        if (states.size() > MAX_KEYS) {
            long now = clock.millis();
            states.entrySet().removeIf(e -> e.getValue().lockedUntil() + maxDelay.toMillis() < now);
        }
        states.compute(key, (k, s) -> {
            int failures = s == null ? 1 : s.failures() + 1;
            int over = failures - freeFailures;
            long delay = over <= 0 ? 0 : Math.min(maxDelay.toMillis(), 1000L << Math.min(over - 1, 30));
            return new State(failures, clock.millis() + delay);
        });
    }

    public void succeeded(String key) {
        states.remove(key);
    }
}
