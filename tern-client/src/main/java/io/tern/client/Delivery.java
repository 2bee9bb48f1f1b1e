package io.tern.client;

import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ConversationSummary;
import io.tern.protocol.Frame;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The receiving side of the client: one {@link ConversationState} per conversation, catch-up after SYNC,
 * gap pulls, cumulative acks, and the hand-over to the listener. Confined to the client's event thread,
 * except {@link #cursors()}.
 *
 * <p>Where a conversation's stream starts for this device: from its cursor if it has one; else from where
 * the SYNC_RESP of the current connection says the device's backlog starts; a conversation first seen
 * after that (a live message) starts at that message. Until the SYNC_RESP is in, messages of conversations
 * without a cursor are held, so a live message cannot jump ahead of the backlog.
 */
final class Delivery {
    private final Map<String, ConversationState> states = new HashMap<>();
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    private final Set<ConversationState> ackDue = new LinkedHashSet<>();
    private final MessageListener listener;
    private final Consumer<Throwable> errors;
    private final Consumer<Frame> out;
    private final Pulls pulls;
    private final Integer pageSize;
    private boolean fresh;
    private boolean online;
    private boolean synced;
    /** A SYNC was sent to learn where a conversation first seen live starts; its answer is awaited. */
    private boolean resyncing;

    Delivery(Map<String, Long> initialCursors, MessageListener listener, Consumer<Throwable> errors,
             Consumer<Frame> out, Pulls pulls, Integer pageSize) {
        this.listener = listener;
        this.errors = errors;
        this.out = out;
        this.pulls = pulls;
        this.pageSize = pageSize;
        this.fresh = initialCursors == null;
        if (initialCursors != null) {
            initialCursors.forEach((id, seq) -> {
                states.put(id, new ConversationState(id, seq));
                published.put(id, seq);
            });
        }
    }

    /** A connection opened: the SYNC to send first. */
    Sync connected() {
        online = true;
        synced = false;
        resyncing = false;
        return syncRequest();
    }

    /** SYNC with the cursors held; a fresh device sends none at all. */
    Sync syncRequest() {
        if (fresh) {
            return new Sync(null, null);
        }
        Map<String, Long> cursors = new HashMap<>();
        states.values().stream().filter(ConversationState::baselineKnown)
                .forEach(s -> cursors.put(s.conversationId(), s.last()));
        return new Sync(cursors, null);
    }

    void connectionLost() {
        online = false;
        synced = false;
        states.values().forEach(ConversationState::connectionLost);
    }

    void onSyncResp(SyncResp resp) {
        List<ChatPush> ready = new ArrayList<>();
        for (ConversationSummary summary : resp.conversations()) {
            ConversationState state = state(summary.conversationId());
            state.startAfter(summary.afterSeq(), ready);
            state.expect(summary.lastSeq());
        }
        for (ConversationState state : states.values()) {
            if (!state.baselineKnown()) {
                state.startAtFirstHeld(ready);
            }
        }
        fresh = false;
        synced = true;
        resyncing = false;
        hand(ready);
        states.values().forEach(state -> {
            noteAck(state);
            pullIfNeeded(state);
        });
    }

    /** A message of the conversation: pushed, or sent by this device and accepted by the server. */
    void onMessage(ChatPush message) {
        ConversationState state = state(message.conversationId());
        if (!state.baselineKnown() && synced) {
            if (message.seq() == 1) {
                state.startAfter(0, new ArrayList<>()); // a new conversation: nothing came before
            } else if (!resyncing) {
                // Earlier messages of it may exist that this device never got: their push can be lost when a
                // node dies or Redis restarts, and a later one arrive first. Hold this one and ask the server
                // where the device's stream starts; SYNC_RESP releases it (or pulls what is missing).
                resyncing = true;
                out.accept(syncRequest());
            }
        }
        List<ChatPush> ready = new ArrayList<>();
        state.offer(message, ready);
        hand(ready);
        noteAck(state);
        pullIfNeeded(state);
    }

    /** The server reports a seq whose message this client cannot rebuild; pull up to it. */
    void onSeqKnown(String conversationId, long seq) {
        ConversationState state = state(conversationId);
        if (!state.baselineKnown() && synced) {
            state.startAfter(seq - 1, new ArrayList<>());
        }
        state.expect(seq);
        pullIfNeeded(state);
    }

    /** Sends one cumulative ack per conversation that moved since the last flush. */
    void flushAcks() {
        if (!online) {
            return;
        }
        for (ConversationState state : ackDue) {
            if (state.takeAckDue()) {
                out.accept(Ack.of(state.conversationId(), state.last()));
            }
        }
        ackDue.clear();
    }

    /** Conversation to last delivered seq; safe from any thread. */
    Map<String, Long> cursors() {
        return Map.copyOf(published);
    }

    private ConversationState state(String conversationId) {
        return states.computeIfAbsent(conversationId, id -> new ConversationState(id, ConversationState.UNKNOWN));
    }

    private void pullIfNeeded(ConversationState state) {
        if (!online || !state.needsPull()) {
            return;
        }
        long after = state.pullStarted();
        String reqId = pulls.start(page -> onPage(state, page), error -> {
            state.pullFailed();
            if (online) { // a pull cut off by a lost connection is no error: the next SYNC takes over
                errors.accept(error);
            }
        });
        out.accept(new Pull(state.conversationId(), after, null, pageSize, reqId));
    }

    private void onPage(ConversationState state, PullResp page) {
        List<ChatPush> ready = new ArrayList<>();
        state.pulled(page, ready);
        hand(ready);
        noteAck(state);
        pullIfNeeded(state);
    }

    private void noteAck(ConversationState state) {
        ackDue.add(state);
        if (state.baselineKnown()) {
            published.put(state.conversationId(), state.last());
        }
    }

    private void hand(List<ChatPush> ready) {
        for (ChatPush m : ready) {
            published.merge(m.conversationId(), m.seq(), Math::max);
            try {
                listener.onMessage(Message.of(m));
            } catch (RuntimeException e) {
                errors.accept(e);
            }
        }
    }
}
