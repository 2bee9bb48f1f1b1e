package io.tern.bench.load;

/**
 * What one receiver got from one sender: per message index the seq it arrived with. A second arrival
 * with the same seq is a re-push (the server's retry); with another seq it is a duplicate (the message
 * was stored twice). Touched only on the receiver's event loop.
 */
public final class ReceiveLedger {
    enum Outcome { NEW, REDELIVERED, DUPLICATE }

    private final LongArray seqs = new LongArray();
    private long duplicates;
    private long redelivered;

    Outcome receive(long msg, long seq) {
        long prev = seqs.get(msg);
        if (prev == 0) {
            seqs.set(msg, seq);
            return Outcome.NEW;
        }
        if (prev == seq) {
            redelivered++;
            return Outcome.REDELIVERED;
        }
        duplicates++;
        return Outcome.DUPLICATE;
    }

    public long seq(long msg) {
        return seqs.get(msg);
    }

    public long duplicates() {
        return duplicates;
    }

    public long redelivered() {
        return redelivered;
    }
}
