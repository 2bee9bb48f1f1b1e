package io.tern.server.core.message;

import io.tern.server.core.session.DeviceSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pushes of one pass of the writer's delivery thread, collected per connection executor (event loop) and
 * handed over as one task per event loop at the end of the pass, instead of one task per (session, message).
 * {@link #open}, {@link #add} and {@link #handOver} run under {@link PushOrder}'s lock, so the order pushes are
 * added is the order every outbox gets them; {@link #awaitEventLoops} runs outside it.
 */
final class PassDeliveries {
    /** Pass tasks handed to event loops and not run yet beyond which the delivery thread waits (a few passes). */
    static final int MAX_PASS_TASKS = 16;

    private record Delivery(DeviceSession session, Message message, byte[] frame) {
    }

    /** The pushes of the open pass per connection executor, in order; null when no pass is open. */
    private Map<Executor, List<Delivery>> pass;
    private final AtomicInteger unrun = new AtomicInteger();

    void open() {
        if (pass == null) {
            pass = new IdentityHashMap<>();
        }
    }

    /** Adds a push to the open pass; false if none is open (the caller pushes at once). */
    boolean add(DeviceSession session, Message message, byte[] frame) {
        if (pass == null) {
            return false;
        }
        pass.computeIfAbsent(session.connection().executor(), e -> new ArrayList<>())
                .add(new Delivery(session, message, frame));
        return true;
    }

    /** Ends the pass: each event loop gets its pushes as one task. */
    void handOver() {
        Map<Executor, List<Delivery>> done = pass;
        pass = null;
        if (done == null) {
            return;
        }
        for (Map.Entry<Executor, List<Delivery>> e : done.entrySet()) {
            List<Delivery> deliveries = e.getValue();
            unrun.incrementAndGet();
            try {
                e.getKey().execute(() -> {
                    try {
                        deliver(deliveries);
                    } finally {
                        ran();
                    }
                });
            } catch (RejectedExecutionException closed) {
                ran(); // the event loop is shutting down: its connections are gone, and their devices catch up
            }
        }
    }

    /** Waits while too many pass tasks have not run; the timed wait only guards against a missed notify. */
    void awaitEventLoops() {
        synchronized (unrun) {
            while (unrun.get() > MAX_PASS_TASKS) {
                try {
                    unrun.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void ran() {
        if (unrun.decrementAndGet() == MAX_PASS_TASKS) {
            synchronized (unrun) {
                unrun.notifyAll();
            }
        }
    }

    /**
     * On one event loop: queues each push on its connection, then flushes each connection once, instead of a flush
     * through the whole pipeline per push (the pipeline's flush consolidation already made that one system call).
     */
    private static void deliver(List<Delivery> deliveries) {
        Set<DeviceSession> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            for (Delivery d : deliveries) {
                d.session().pushHere(d.message(), d.frame());
                touched.add(d.session());
            }
        } finally {
            touched.forEach(DeviceSession::flushHere);
        }
    }
}
