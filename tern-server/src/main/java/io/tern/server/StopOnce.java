package io.tern.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node's stop, run once by whoever asks first (the shutdown hook, a test, a drain ordered with exit); a later
 * caller waits until it is done, so the shutdown hook after a drained exit returns once the node has stopped.
 */
final class StopOnce {
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    void run(Runnable stop) {
        if (!started.compareAndSet(false, true)) {
            done.join();
            return;
        }
        try {
            stop.run();
        } finally {
            done.complete(null);
        }
    }

    /** Completes once the stop has run. */
    CompletableFuture<Void> done() {
        return done.copy();
    }
}
