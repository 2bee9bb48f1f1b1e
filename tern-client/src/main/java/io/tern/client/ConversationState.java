package io.tern.client;

import io.tern.protocol.ChatPush;
import io.tern.protocol.PullResp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ordering and de-duplication for one conversation, without any I/O: messages go in as they arrive (pushes,
 * pages, own sends), come out in seq order exactly once, and the state says when a pull is needed to fill a
 * gap. Confined to the client's event thread.
 */
final class ConversationState {
    /** The device has not learned yet where its stream of this conversation starts. */
    static final long UNKNOWN = -1;

    private final String conversationId;
    /** Messages past a gap, waiting for it to be filled. */
    private final TreeMap<Long, ChatPush> ahead = new TreeMap<>();
    private long last;
    /** The highest seq known to exist; while it is above {@code last}, a pull is due. */
    private long target;
    /** One pull at a time, so pages never overlap and never arrive out of order. */
    private boolean pulling;
    private long heldAtPullStart;
    private boolean ackDue;

    ConversationState(String conversationId, long last) {
        this.conversationId = conversationId;
        this.last = last;
        this.target = Math.max(last, 0);
    }

    String conversationId() {
        return conversationId;
    }

    /** The highest seq handed over, or {@link #UNKNOWN}. */
    long last() {
        return last;
    }

    boolean baselineKnown() {
        return last != UNKNOWN;
    }

    /**
     * Takes a message in; what became deliverable is appended to {@code out} in seq order. A message beyond
     * a gap is held until the gap is filled; one already handed over is dropped, but the ack is repeated in
     * case the server re-sent it because our ack was lost.
     */
    void offer(ChatPush message, List<ChatPush> out) {
        long seq = message.seq();
        target = Math.max(target, seq);
        if (last == UNKNOWN) {
            ahead.putIfAbsent(seq, message);
        } else if (seq <= last) {
            ackDue = true;
        } else if (seq == last + 1) {
            hand(message, out);
            drain(out);
        } else {
            ahead.putIfAbsent(seq, message);
        }
    }

    /** The server says the conversation goes up to {@code seq}. */
    void expect(long seq) {
        target = Math.max(target, seq);
    }

    /**
     * Sets where the stream starts when it was unknown: messages up to {@code seq} belong to the device's
     * past and are dropped, held ones after it are released in order.
     */
    void startAfter(long seq, List<ChatPush> out) {
        if (last != UNKNOWN) {
            return;
        }
        last = seq;
        target = Math.max(target, seq);
        ahead.headMap(seq, true).clear();
        drain(out);
    }

    /** Starts the stream just before the first held message: nothing older is owed to this device. */
    void startAtFirstHeld(List<ChatPush> out) {
        startAfter(ahead.isEmpty() ? 0 : ahead.firstKey() - 1, out);
    }

    boolean needsPull() {
        return last != UNKNOWN && !pulling && target > last;
    }

    /** Marks a pull as under way and returns the seq it must start after. */
    long pullStarted() {
        pulling = true;
        heldAtPullStart = ahead.isEmpty() ? 0 : ahead.lastKey();
        return last;
    }

    void pullFailed() {
        pulling = false;
    }

    /**
     * Takes a page pulled forwards. A page answers with what the server held when it read it, so a held
     * message it lacks is skipped over only if it was already held when the pull was sent: the server had it
     * then, and what it did not return before it is gone (past retention). A gap is never pulled forever.
     */
    void pulled(PullResp page, List<ChatPush> out) {
        pulling = false;
        long before = last;
        List<ChatPush> got = page.messages();
        for (ChatPush m : got) {
            offer(m, out);
        }
        if (last == before && !got.isEmpty() && got.get(0).seq() > last + 1) {
            skipTo(got.get(0).seq() - 1, out); // seqs are committed in order: the missing ones are gone
        }
        if (page.hasMore()) {
            target = Math.max(target, last + 1);
            return;
        }
        while (!ahead.isEmpty() && ahead.firstKey() <= heldAtPullStart) {
            skipTo(ahead.firstKey() - 1, out);
        }
        if (ahead.isEmpty()) {
            target = last;
        }
    }

    /** A connection ended: an unanswered pull will never be answered. */
    void connectionLost() {
        pulling = false;
    }

    /** True once if something was handed over (or re-received) since the last call: time to ack. */
    boolean takeAckDue() {
        boolean due = ackDue && last > 0;
        ackDue = false;
        return due;
    }

    int held() {
        return ahead.size();
    }

    private void skipTo(long seq, List<ChatPush> out) {
        last = Math.max(last, seq);
        drain(out);
    }

    private void drain(List<ChatPush> out) {
        ahead.headMap(last, true).clear();
        Map.Entry<Long, ChatPush> next;
        while ((next = ahead.firstEntry()) != null && next.getKey() == last + 1) {
            ahead.pollFirstEntry();
            hand(next.getValue(), out);
        }
    }

    private void hand(ChatPush message, List<ChatPush> out) {
        out.add(message);
        last = message.seq();
        ackDue = true;
    }
}
