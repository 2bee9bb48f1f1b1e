package io.tern.client;

import java.util.function.LongSupplier;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * PINGs the server at a fixed interval, which keeps the server's idle timer from closing a quiet connection,
 * and notices a connection that went silent: the server answers every PING, so several intervals without
 * any frame mean the connection is dead even if TCP has not said so. Confined to the client's event thread.
 */
final class Heartbeat {
    private static final int SILENT_INTERVALS = 3;

    private final ScheduledExecutorService scheduler;
    /** Monotonic nanoseconds: a stepped wall clock must not shorten or stretch an interval. */
    private final LongSupplier ticker;
    private final long intervalMillis;
    private ScheduledFuture<?> timer;
    private long lastHeard;

    Heartbeat(ScheduledExecutorService scheduler, LongSupplier ticker, Duration interval) {
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.intervalMillis = interval.toMillis();
    }

    /** Starts beating: {@code ping} on every beat, {@code silent} (with the silent millis) once it is dead. */
    void start(Runnable ping, LongConsumer silent) {
        stop();
        lastHeard = millis();
        timer = scheduler.scheduleAtFixedRate(() -> {
            long quiet = millis() - lastHeard;
            if (quiet > SILENT_INTERVALS * intervalMillis) {
                stop();
                silent.accept(quiet);
            } else {
                ping.run();
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Something arrived from the server. */
    void heard() {
        lastHeard = millis();
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private long millis() {
        return ticker.getAsLong() / 1_000_000L;
    }
}
