package io.tern.server.core;

/**
 * A monotonic source of nanoseconds for intervals, deadlines and rate limits. The wall clock ({@link
 * java.time.Clock}) is for timestamps people read; it may step backwards or forwards (NTP), so it never
 * measures how long something took. Tests pass a ticker they advance by hand instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {
    /** Nanoseconds from an arbitrary origin; only differences between two readings mean anything. */
    long nanos();

    /** Milliseconds from the same arbitrary origin. */
    default long millis() {
        return nanos() / 1_000_000L;
    }

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
