package io.tern.bench.load;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The open-loop clock of one event loop: one timer a millisecond sends what is due for all senders on
 * that loop. A timer per sender and message would put the loop's next deadline always a few microseconds
 * away, and Netty's NIO loop polls (selectNow) for deadlines under half a millisecond: the bench would
 * spin and take a core from the server it measures. The price is up to ~1 ms of timer granularity, which
 * counts as latency (from the intended send time).
 */
final class Pacer {
    private static final long PERIOD_NANOS = 1_000_000L;

    private final List<Sender> senders = new ArrayList<>();
    private ScheduledFuture<?> timer;

    Pacer(List<Sender> senders) {
        this.senders.addAll(senders);
    }

    /** Starts one pacer per event loop for the given (open-loop, already started) senders. */
    static void start(List<Sender> senders, RunWindow window) {
        Map<EventLoop, List<Sender>> byLoop = new LinkedHashMap<>();
        for (Sender s : senders) {
            byLoop.computeIfAbsent(s.loop(), l -> new ArrayList<>()).add(s);
        }
        byLoop.forEach((loop, own) -> {
            Pacer pacer = new Pacer(own);
            loop.execute(() -> pacer.timer = loop.scheduleAtFixedRate(pacer::tick,
                    Math.max(0, window.start() - System.nanoTime()), PERIOD_NANOS, TimeUnit.NANOSECONDS));
        });
    }

    private void tick() {
        if (!tick(System.nanoTime()) && timer != null) {
            timer.cancel(false);
        }
    }

    /**
     * One tick at {@code now}: every sender writes all its messages due by then (a late tick writes a burst,
     * each message still stamped with its own intended time) and flushes its connection once. False once no
     * sender has anything left to send.
     */
    boolean tick(long now) {
        boolean more = false;
        for (Sender s : senders) {
            more |= s.fireDue(now);
        }
        return more;
    }
}
