package io.tern.bench.load;

import io.tern.bench.wire.MessageBody;
import io.tern.bench.wire.ServerFrame;

/** The receiving side of one p2p pair: ledger, order, latency and throughput counts. */
public final class P2pReceiver implements Peer.Pushes {
    private final int sender;
    private final ReceiveLedger ledger;
    private final OrderTracker order;
    private final LoadMode mode;
    private final RunWindow window;
    private final Counters counters;
    private final LatencyStats latency;
    private final String tag;
    private final MessageBody body = new MessageBody();

    public P2pReceiver(int sender, ReceiveLedger ledger, OrderTracker order, LoadMode mode, RunWindow window,
                       Counters counters, LatencyStats latency, String tag) {
        this.sender = sender;
        this.ledger = ledger;
        this.order = order;
        this.mode = mode;
        this.window = window;
        this.counters = counters;
        this.latency = latency;
        this.tag = tag;
    }

    @Override
    public void onPush(Peer peer, ServerFrame f, long now) {
        if (!body.parse(f.text, tag) || body.sender != sender) {
            counters.foreign.increment();
            return;
        }
        switch (ledger.receive(body.msg, f.seq)) {
            case NEW -> {
                order.next(f.seq);
                counters.delivered.increment();
                if (window.inMeasure(now)) {
                    counters.deliveredInWindow.increment();
                }
                long from = window.nanos(mode.open() ? body.intendedMicros : body.sentMicros);
                latency.record(now - from, window.inMeasure(from));
            }
            case REDELIVERED -> counters.redelivered.increment();
            case DUPLICATE -> {
                // counted by the ledger, reported by the check
            }
        }
    }
}
