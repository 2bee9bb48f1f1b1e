package io.tern.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: doubling from the initial delay up to the maximum, each drawn at random from the upper
 * half of its step. The randomness keeps thousands of clients dropped by one server restart from coming
 * back in the same millisecond; keeping the lower half out keeps a failing server from being hammered.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before retry number {@code attempt} (0 for the first retry). */
    long delayMillis(int attempt) {
        long step = initialMillis << Math.min(attempt, 30);
        if (step <= 0 || step > maxMillis) {
            step = maxMillis;
        }
        long half = step / 2;
        return step - half + (long) (random.getAsDouble() * half);
    }
}
