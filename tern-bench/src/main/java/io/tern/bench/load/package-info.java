/**
 * The scenarios and the machinery they share. A {@link io.tern.bench.load.Peer} is one connection: it
 * answers PINGs, acknowledges pushes as the SDK does (one cumulative ACK per conversation within 200 ms), and
 * hands pushes and send answers to a {@link io.tern.bench.load.Sender} or a receiver. Everything a connection touches is confined to its
 * event-loop thread (ledgers, pacing), so the hot path takes no locks; cross-thread totals are
 * LongAdders and HdrHistogram Recorders. The ledgers are read for the loss and duplicate check only after
 * the client's event loops have terminated.
 */
package io.tern.bench.load;
