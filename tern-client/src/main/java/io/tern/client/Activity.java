package io.tern.client;

import io.tern.protocol.Frame;
import io.tern.protocol.Read;
import io.tern.protocol.ReadNotify;
import io.tern.protocol.Typing;
import io.tern.protocol.TypingNotify;
import java.util.function.LongSupplier;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Read receipts and typing notices, both ways. Confined to the client's event thread.
 *
 * <p>A read position must reach the server even if it was set while disconnected (it drives unread counts
 * and the sender's "read" tick), so one set offline waits for the next connection; only the highest per
 * conversation is kept, as the server keeps only the highest anyway. A typing notice is worth nothing later,
 * so offline it is dropped; online it is sent at most once per {@link #TYPING_EVERY_MILLIS} per conversation
 * because applications call it on every keystroke and the server would drop the rest.
 */
final class Activity {
    static final long TYPING_EVERY_MILLIS = 1_000;
    private static final int MAX_TRACKED_TYPING = 1_000;

    private final ActivityListener listener;
    private final Consumer<Throwable> errors;
    /** Monotonic nanoseconds: a stepped wall clock must not shorten or stretch an interval. */
    private final LongSupplier ticker;
    private final Map<String, Long> readsToSend = new LinkedHashMap<>();
    private final Map<String, Long> lastTyping = new HashMap<>();

    Activity(ActivityListener listener, Consumer<Throwable> errors, LongSupplier ticker) {
        this.listener = listener;
        this.errors = errors;
        this.ticker = ticker;
    }

    /** True if the READ is to be sent now; false if it must wait for a connection (then it is kept). */
    boolean sendRead(Read read, boolean online) {
        if (online) {
            return true;
        }
        readsToSend.merge(read.conversationId(), read.seq(), Math::max);
        return false;
    }

    /** True if the TYPING is to be sent now; false if offline or one was sent for the conversation just now. */
    boolean sendTyping(Typing typing, boolean online) {
        long now = millis();
        Long last = lastTyping.get(typing.conversationId());
        if (!online || last != null && now - last < TYPING_EVERY_MILLIS) {
            return false;
        }
        if (lastTyping.size() >= MAX_TRACKED_TYPING) {
            lastTyping.clear(); // bounded; forgetting only costs a notice the server may drop
        }
        lastTyping.put(typing.conversationId(), now);
        return true;
    }

    /** A connection opened: the read positions set while there was none. */
    void flushReads(Consumer<Frame> out) {
        readsToSend.forEach((conversationId, seq) -> out.accept(new Read(conversationId, seq)));
        readsToSend.clear();
    }

    void onReadNotify(ReadNotify notice) {
        try {
            listener.onRead(notice.conversationId(), notice.userId(), notice.seq());
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    void onTypingNotify(TypingNotify notice) {
        try {
            listener.onTyping(notice.conversationId(), notice.userId());
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    void onPresenceNotify(io.tern.protocol.PresenceNotify notice) {
        try {
            listener.onPresence(notice.userId(), notice.online(), notice.lastSeen() == null ? 0 : notice.lastSeen());
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    private long millis() {
        return ticker.getAsLong() / 1_000_000L;
    }
}
