package io.tern.bench.load;

import io.tern.bench.wire.MessageBody;
import io.tern.bench.wire.ServerFrame;

/**
 * One group member's receiving side: one ledger per sender, seq order over the whole group conversation,
 * per-member latency, and its part in the fan-out to the last member.
 */
public final class GroupReceiver implements Peer.Pushes {
    private final ReceiveLedger[] fromSender;
    private final OrderTracker order;
    private final RunWindow window;
    private final LoadMode mode;
    private final Counters counters;
    private final LatencyStats memberLatency;
    private final FanoutTracker fanout;
    private final String tag;
    private final MessageBody body = new MessageBody();

    public GroupReceiver(ReceiveLedger[] fromSender, OrderTracker order, LoadMode mode, RunWindow window,
                         Counters counters, LatencyStats memberLatency, FanoutTracker fanout, String tag) {
        this.fromSender = fromSender;
        this.order = order;
        this.mode = mode;
        this.window = window;
        this.counters = counters;
        this.memberLatency = memberLatency;
        this.fanout = fanout;
        this.tag = tag;
    }

    @Override
    public void onPush(Peer peer, ServerFrame f, long now) {
        if (!body.parse(f.text, tag) || body.sender >= fromSender.length) {
            counters.foreign.increment();
            return;
        }
        switch (fromSender[body.sender].receive(body.msg, f.seq)) {
            case NEW -> {
                order.next(f.seq);
                counters.delivered.increment();
                if (window.inMeasure(now)) {
                    counters.deliveredInWindow.increment();
                }
                long from = window.nanos(mode.open() ? body.intendedMicros : body.sentMicros);
                boolean measured = window.inMeasure(from);
                memberLatency.record(now - from, measured);
                fanout.delivered(body.sender, body.msg, now - from, measured);
            }
            case REDELIVERED -> counters.redelivered.increment();
            case DUPLICATE -> {
                // counted by the ledger, reported by the check
            }
        }
    }
}
