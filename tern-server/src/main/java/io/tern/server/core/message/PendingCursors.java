package io.tern.server.core.message;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cursor moves waiting for the writer. Read cursors go with the next batch. Delivered cursors — one per member
 * and conversation for every ACK, so up to a whole group's worth per batch while a big group is busy — go at most
 * once per {@code deliveredDelay} (on the monotonic ticker), merged meanwhile, except a sender's own: those go
 * with the sender's message, so a member who acknowledges and replies at once still has their delivered cursor
 * moved past their own message (see the sender rule in docs/protocol.md). A crash loses at most
 * {@code deliveredDelay} of delivered-cursor moves: those messages are offered again by SYNC, and devices drop
 * seqs they hold. Safe from any thread; {@link #take} is called by the writer alone.
 */
final class PendingCursors {
    private record Key(long userId, String conversationId) {
    }

    private final Ticker ticker;
    private final long delayNanos;
    private final Map<Key, Long> delivered = new ConcurrentHashMap<>();
    private final Map<Key, Long> read = new ConcurrentHashMap<>();
    /** Writer thread only. */
    private long lastDeliveredNanos;

    PendingCursors(Ticker ticker, Duration deliveredDelay) {
        this.ticker = ticker;
        this.delayNanos = deliveredDelay.toNanos();
        this.lastDeliveredNanos = ticker.nanos() - delayNanos;
    }

    void delivered(long userId, String conversationId, long seq) {
        delivered.merge(new Key(userId, conversationId), seq, Math::max);
    }

    /** Reading implies delivery: both cursors move. */
    void read(long userId, String conversationId, long seq) {
        read.merge(new Key(userId, conversationId), seq, Math::max);
    }

    /** What goes with a batch of these drafts: every read cursor, and the delivered ones that are due. */
    List<CursorUpdate> take(List<Draft> drafts) {
        if (read.isEmpty() && delivered.isEmpty()) {
            return List.of();
        }
        List<CursorUpdate> out = new ArrayList<>();
        for (Map.Entry<Key, Long> e : read.entrySet()) {
            if (read.remove(e.getKey(), e.getValue())) {
                out.add(new CursorUpdate(e.getKey().userId(), e.getKey().conversationId(), e.getValue(), e.getValue()));
            }
        }
        long now = ticker.nanos();
        if (now - lastDeliveredNanos >= delayNanos) {
            lastDeliveredNanos = now;
            for (Map.Entry<Key, Long> e : delivered.entrySet()) {
                takeDelivered(e.getKey(), out);
            }
        } else {
            for (Draft d : drafts) {
                takeDelivered(new Key(d.senderId(), d.conversationId()), out);
            }
        }
        return out;
    }

    /** Everything, whether due or not (the writer stops). */
    List<CursorUpdate> takeAll() {
        lastDeliveredNanos = ticker.nanos() - delayNanos;
        return take(List.of());
    }

    /** A commit failed: its cursor moves wait for the next one. */
    void giveBack(List<CursorUpdate> cursors) {
        for (CursorUpdate c : cursors) {
            Key key = new Key(c.userId(), c.conversationId());
            if (c.readSeq() > 0) {
                read.merge(key, c.readSeq(), Math::max);
            }
            if (c.deliveredSeq() > c.readSeq()) {
                delivered.merge(key, c.deliveredSeq(), Math::max);
            }
        }
    }

    private void takeDelivered(Key key, List<CursorUpdate> out) {
        Long seq = delivered.get(key);
        if (seq != null && delivered.remove(key, seq)) {
            out.add(new CursorUpdate(key.userId(), key.conversationId(), seq, 0));
        }
    }
}
