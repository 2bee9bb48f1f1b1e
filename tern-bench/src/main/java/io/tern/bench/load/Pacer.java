package io.tern.bench.load;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open-loop clock: once a millisecond, each event loop gets one task that sends what is due for all
 * senders on that loop, one flush per connection; never a task per message. The millisecond comes from
 * a thread of its own that parks between ticks, not from a timer on the event loop: Netty's NIO loop
 * polls (selectNow) whenever its next timer is less than half a millisecond away, so a 1 ms timer on the
 * loop keeps it spinning for about half of every millisecond and costs the bench a core's worth of CPU
 * per two loops however few messages it sends. The price is the tick's granularity (up to ~1 ms, plus the
 * thread's wake-up delay), which counts as latency: every message is stamped with its intended time.
 */
final class Pacer {
    static final long PERIOD_NANOS = 1_000_000L;

    private final List<Sender> senders = new ArrayList<>();
    private final EventLoop loop;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean done;
    /** When the earliest next message of this loop's senders is due: the clock wakes the loop only then. */
    private volatile long nextDue;

    Pacer(EventLoop loop, List<Sender> senders, long firstDue) {
        this.loop = loop;
        this.senders.addAll(senders);
        this.nextDue = firstDue;
    }

    /** Starts one pacer per event loop for the given (open-loop, already started) senders, and their clock. */
    static void start(List<Sender> senders, RunWindow window) {
        Map<EventLoop, List<Sender>> byLoop = new LinkedHashMap<>();
        for (Sender s : senders) {
            byLoop.computeIfAbsent(s.loop(), l -> new ArrayList<>()).add(s);
        }
        List<Pacer> pacers = new ArrayList<>();
        byLoop.forEach((loop, own) -> pacers.add(new Pacer(loop, own, window.start())));
        Thread clock = new Thread(() -> clock(pacers, window), "bench-pacer");
        clock.setDaemon(true);
        clock.start();
    }

    /**
     * Hands a loop a tick when something of it is due, at most one a millisecond, until every pacer is done;
     * a tick still pending is not doubled. At low rates the loops are not woken for nothing.
     */
    private static void clock(List<Pacer> pacers, RunWindow window) {
        long next = window.start();
        while (true) {
            Waits.until(next);
            long now = System.nanoTime();
            long earliest = Long.MAX_VALUE;
            for (Pacer p : pacers) {
                if (p.loop.isShuttingDown()) {
                    p.done = true; // the run is over (or was aborted): a tick still pending will never run
                }
                if (p.done) {
                    continue;
                }
                if (p.nextDue <= now) {
                    p.request();
                }
                earliest = Math.min(earliest, p.nextDue);
            }
            if (earliest == Long.MAX_VALUE) {
                return; // every message meant for the window is sent, or its loop has shut down
            }
            // a late clock (the machine was busy) does not catch up tick by tick: the next tick sends the backlog
            next = Math.max(now + PERIOD_NANOS, earliest);
        }
    }

    private void request() {
        if (pending.compareAndSet(false, true)) {
            try {
                loop.execute(this::onLoop);
            } catch (RejectedExecutionException e) {
                done = true;
            }
        }
    }

    private void onLoop() {
        pending.set(false);
        if (!tick(System.nanoTime())) {
            done = true;
        }
    }

    /**
     * One tick at {@code now}, on the loop: every sender writes all its messages due by then (a late tick
     * writes a burst, each message still stamped with its own intended time) and flushes its connection once.
     * False once no sender has anything left to send.
     */
    boolean tick(long now) {
        boolean more = false;
        long earliest = Long.MAX_VALUE;
        for (Sender s : senders) {
            if (s.fireDue(now)) {
                more = true;
                earliest = Math.min(earliest, s.nextDue());
            }
        }
        nextDue = earliest;
        return more;
    }
}
