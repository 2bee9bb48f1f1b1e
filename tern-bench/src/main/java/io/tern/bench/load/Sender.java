package io.tern.bench.load;

import io.tern.bench.wire.ChatTemplate;
import io.tern.bench.wire.MessageBody;
import io.tern.bench.wire.ServerFrame;
import java.util.concurrent.TimeUnit;

/**
 * One sending connection. Open loop: message k is due at {@code start + offset + k * interval}; the
 * {@link Pacer} of the connection's event loop sends everything due once a millisecond (a late tick sends
 * a burst, and the lateness shows in the latency, which counts from the intended time). Closed loop:
 * {@code window} messages in flight, a new one for every answer. Every CHAT has a clientMsgId unique to the run, sender and index, and a
 * body the receiver can check (see {@link MessageBody}). Confined to the connection's event loop.
 */
public final class Sender implements Peer.Sends {
    private final int index;
    private final Peer peer;
    private final ChatTemplate template;
    private final SendLedger ledger;
    private final LoadMode mode;
    private final RunWindow window;
    private final Counters counters;
    private final LatencyStats acceptLatency;
    private final String tag;
    private final long intervalNanos;
    private long nextIntended;

    public Sender(int index, Peer peer, ChatTemplate template, SendLedger ledger, LoadMode mode, double ratePerSender,
                  RunWindow window, Counters counters, LatencyStats acceptLatency, String tag) {
        this.index = index;
        this.peer = peer;
        this.template = template;
        this.ledger = ledger;
        this.mode = mode;
        this.window = window;
        this.counters = counters;
        this.acceptLatency = acceptLatency;
        this.tag = tag;
        this.intervalNanos = mode.open() ? Math.max(1, (long) (1e9 / ratePerSender)) : 0;
        peer.sends(this);
    }

    /**
     * Starts sending. Closed loop: fills the window at the start of the run. Open loop: the first message is
     * due {@code offsetNanos} after the start (spreading senders over one interval); call
     * {@link Pacer#start} for the sends.
     */
    public void start(long offsetNanos) {
        if (mode.open()) {
            nextIntended = window.start() + offsetNanos % intervalNanos;
        } else {
            peer.loop().schedule(this::fill, Math.max(0, window.start() - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** The interval between two sends of one sender in open loop. */
    public long intervalNanos() {
        return intervalNanos;
    }

    /** The event loop the sender's connection (and so the sender) runs on. */
    io.netty.channel.EventLoop loop() {
        return peer.loop();
    }

    private void fill() {
        long now = System.nanoTime();
        for (int i = 0; i < mode.window() && window.sending(now); i++) {
            send(now, now);
        }
        peer.flushIfDirty();
    }

    /**
     * Open loop, on the event loop: writes every message due by {@code now}, each stamped with its intended
     * time, and flushes once; false once the window is over.
     */
    boolean fireDue(long now) {
        long end = window.measureTo();
        boolean wrote = false;
        // no check of window.stopped(): a generator that fell behind still sends, late, every message meant for
        // the window, so they count (with their lateness) instead of silently dropping out of the latency
        while (nextIntended <= now && nextIntended < end) {
            send(nextIntended, now);
            nextIntended += intervalNanos;
            wrote = true;
        }
        if (wrote) {
            peer.flushIfDirty();
        }
        return nextIntended < end;
    }

    /** Open loop: when the next message is due (on the event loop). */
    long nextDue() {
        return nextIntended;
    }

    private void send(long intended, long now) {
        if (!peer.isOpen()) {
            return;
        }
        // open loop: the answer's latency also counts from the intended time, like the delivery's
        long msg = ledger.next(mode.open() ? intended : now);
        String body = MessageBody.encode(tag, index, msg, window.micros(intended), window.micros(now));
        peer.write(template.encode(peer.alloc(), MessageBody.clientMsgId(tag, index, msg), body));
        counters.sent.increment();
        if (window.inMeasure(intended)) {
            counters.sentInWindow.increment();
        }
    }

    @Override
    public void onAccepted(ServerFrame f, long now) {
        long msg = ours(f.clientMsgId);
        if (msg < 0) {
            return;
        }
        ledger.accepted(msg, f.seq);
        counters.accepted.increment();
        if (window.inMeasure(now)) {
            counters.acceptedInWindow.increment();
        }
        long sentAt = ledger.sentAt(msg);
        acceptLatency.record(now - sentAt, window.inMeasure(sentAt));
        next(now);
    }

    @Override
    public void onRefused(ServerFrame f, long now) {
        long msg = ours(f.clientMsgId);
        if (msg < 0) {
            return;
        }
        ledger.refused(msg);
        counters.sendErrors.increment();
        next(now);
    }

    /** Closed loop: an answer frees a slot of the window (the flush follows at the end of the read burst). */
    private void next(long now) {
        if (!mode.open() && window.sending(now)) {
            send(now, now);
        }
    }

    private long ours(String clientMsgId) {
        return clientMsgId != null && clientMsgId.startsWith(tag) ? MessageBody.msgOf(clientMsgId) : -1;
    }
}
