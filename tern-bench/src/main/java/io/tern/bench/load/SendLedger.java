package io.tern.bench.load;

/**
 * What one sender sent: per message index the send time and the answer (the seq of its CHAT_RESP, -1
 * for an ERROR, 0 for none yet). Touched only on the sender's event loop.
 */
public final class SendLedger {
    private final LongArray seqs = new LongArray();
    private final LongArray sentAt = new LongArray();
    private long next;

    /** Takes the next message index, sent at {@code now}. */
    long next(long now) {
        long m = next++;
        sentAt.set(m, now);
        return m;
    }

    long sentAt(long msg) {
        return sentAt.get(msg);
    }

    void accepted(long msg, long seq) {
        if (msg < next) {
            seqs.set(msg, seq);
        }
    }

    void refused(long msg) {
        if (msg < next) {
            seqs.set(msg, -1);
        }
    }

    public long count() {
        return next;
    }

    /** The CHAT_RESP seq of the message, -1 if it was refused, 0 if unanswered. */
    public long seq(long msg) {
        return seqs.get(msg);
    }
}
