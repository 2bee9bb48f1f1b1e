package io.tern.server.startup;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start-up for a service the node needs (PostgreSQL, Redis): tries, and while the failure is one that
 * waiting can cure, tries again after a pause that doubles from {@link #FIRST_PAUSE} up to {@link #MAX_PAUSE},
 * until {@code limit} has passed. Nodes started together on a busy machine then come up one after the other
 * instead of exiting, and a service that restarts meanwhile is not hammered. Each failed attempt is one log
 * line: what, which attempt, why, when the next one is and how long the node still waits.
 */
public final class StartWait {
    private static final Logger log = LoggerFactory.getLogger(StartWait.class);
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    /** One try at reaching the service. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Exception;
    }

    /** How the wait pauses between attempts; tests advance a fake ticker instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final Ticker ticker;
    private final Pause pause;

    public StartWait(Ticker ticker, Pause pause) {
        this.ticker = ticker;
        this.pause = pause;
    }

    /** The real thing: monotonic time, and the calling (start-up) thread sleeps between attempts. */
    public static StartWait system() {
        return new StartWait(Ticker.system(), d -> Thread.sleep(d.toMillis()));
    }

    /** The pause after failed attempt {@code attempt} (1-based): 250 ms, 500 ms, 1 s, 2 s, 4 s, then 5 s. */
    public static Duration pauseAfter(int attempt) {
        long millis = FIRST_PAUSE.toMillis() << Math.min(attempt - 1, 16);
        return Duration.ofMillis(Math.min(millis, MAX_PAUSE.toMillis()));
    }

    /**
     * Runs {@code attempt} until it succeeds. Rethrows the last failure when it is not {@code retryable} or when
     * {@code limit} has passed; the failure is wrapped unless it is unchecked.
     */
    public <T> T until(String what, Duration limit, Predicate<Exception> retryable, Attempt<T> attempt) {
        long start = ticker.nanos();
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                long left = limit.toNanos() - (ticker.nanos() - start);
                if (!retryable.test(e) || left <= 0) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                }
                Duration next = pauseAfter(n);
                if (next.toNanos() > left) {
                    next = Duration.ofNanos(left);
                }
                log.warn("waiting for {}: attempt {} failed ({}); next try in {} ms, giving up in {} s", what, n,
                        e.getMessage(), next.toMillis(), Math.max(1, left / 1_000_000_000L));
                try {
                    pause.pause(next);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + what, ie);
                }
            }
        }
    }
}
