package io.tern.server.core.media;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link MediaService#sweep} every {@code media.sweepInterval} as measured on the monotonic ticker. A timer
 * calls {@link #tick} often; the sweep itself runs on the blocking pool, one at a time.
 */
public final class MediaSweeper {
    private static final Logger log = LoggerFactory.getLogger(MediaSweeper.class);

    private final MediaService media;
    private final Ticker ticker;
    private final long intervalNanos;
    private final Executor blocking;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long lastNanos;

    public MediaSweeper(MediaService media, Ticker ticker, Duration interval, Executor blocking) {
        this.media = media;
        this.ticker = ticker;
        this.intervalNanos = interval.toNanos();
        this.blocking = blocking;
        this.lastNanos = ticker.nanos();
    }

    /** Starts a sweep if the interval has passed since the last one began and none is running. */
    public void tick() {
        long now = ticker.nanos();
        if (now - lastNanos < intervalNanos || !running.compareAndSet(false, true)) {
            return;
        }
        lastNanos = now;
        blocking.execute(() -> {
            try {
                int deleted = media.sweep();
                if (deleted > 0) {
                    log.info("deleted {} uploads no message referenced", deleted);
                }
            } catch (Exception e) {
                log.warn("media sweep failed; retrying at the next interval", e);
            } finally {
                running.set(false);
            }
        });
    }
}
