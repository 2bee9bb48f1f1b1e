package io.tern.client;

import io.tern.protocol.AckResp;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ChatSend;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.protocol.FrameType;
import io.tern.protocol.LoginResp;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.protocol.Read;
import io.tern.protocol.ReadNotify;
import io.tern.protocol.SyncHint;
import io.tern.protocol.SyncResp;
import io.tern.protocol.Typing;
import io.tern.protocol.TypingNotify;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application side of the protocol: sends waiting for their CHAT_RESP, history pulls, the frames that
 * feed {@link Delivery}, and read receipts and typing notices ({@link Activity}). Frames are dispatched
 * through a table keyed by frame class. Confined to the client's event thread.
 */
final class ClientSession implements Connector.Session {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    /** A send waiting for CHAT_RESP; {@code retries}: how often the server could not store it yet. */
    private record PendingSend(ChatSend frame, CompletableFuture<Sent> result, int retries) {
        PendingSend(ChatSend frame, CompletableFuture<Sent> result) {
            this(frame, result, 0);
        }
    }

    private final Map<String, PendingSend> unanswered = new LinkedHashMap<>();
    private final Map<Class<? extends Frame>, Consumer<Frame>> handlers = new HashMap<>();
    private final Pulls pulls = new Pulls();
    private final Consumer<Throwable> errors;
    private final Delivery delivery;
    private final Activity activity;
    private final AckBatcher acks;
    private Connector connector;
    private TernClientException stoppedBy;

    ClientSession(ClientConfig config, AckBatcher.Timer timer) {
        this.errors = config.errorListener();
        this.delivery = new Delivery(config.initialCursors(), config.messageListener(), errors,
                frame -> connector.send(frame), pulls, config.pageSize());
        this.activity = new Activity(config.activityListener(), errors, config.ticker());
        this.acks = new AckBatcher(config.ackDelay().toMillis(), timer, delivery::flushAcks);
        on(ChatPush.class, push -> {
            acks.pushed();
            delivery.onMessage(push);
        });
        on(ChatResp.class, this::onChatResp);
        on(ErrorFrame.class, this::onError);
        on(SyncResp.class, this::onSyncResp);
        on(PullResp.class, pulls::complete);
        on(SyncHint.class, hint -> connector.send(delivery.syncRequest()));
        on(ReadNotify.class, activity::onReadNotify);
        on(TypingNotify.class, activity::onTypingNotify);
        on(io.tern.protocol.PresenceNotify.class, activity::onPresenceNotify);
        on(AckResp.class, resp -> { });
        on(LoginResp.class, resp -> { });
    }

    void attach(Connector connector) {
        this.connector = connector;
    }

    /** Sends the acknowledgements still waiting (the client is about to close). */
    void flushAcks() {
        acks.flushNow();
    }

    CompletableFuture<Sent> send(ChatSend frame) {
        CompletableFuture<Sent> result = new CompletableFuture<>();
        if (stoppedBy != null) {
            result.completeExceptionally(stoppedBy);
            return result;
        }
        unanswered.put(frame.clientMsgId(), new PendingSend(frame, result));
        connector.send(frame);
        return result;
    }

    CompletableFuture<HistoryPage> pullHistory(String conversationId, long beforeSeq, Integer limit) {
        CompletableFuture<HistoryPage> result = new CompletableFuture<>();
        if (!connector.isOpen()) {
            result.completeExceptionally(stoppedBy != null ? stoppedBy
                    : TernClientException.local("NOT_CONNECTED", "history needs an open connection"));
            return result;
        }
        String reqId = pulls.startHistory(page -> result.complete(new HistoryPage(page.conversationId(),
                page.messages().stream().map(Message::of).toList(), page.hasMore())), result::completeExceptionally);
        connector.send(new Pull(conversationId, null, beforeSeq, limit, reqId));
        return result;
    }

    void markRead(Read read) {
        if (activity.sendRead(read, connector.isOpen())) {
            connector.send(read);
        }
    }

    void typing(Typing typing) {
        if (activity.sendTyping(typing, connector.isOpen())) {
            connector.send(typing);
        }
    }

    Map<String, Long> cursors() {
        return delivery.cursors();
    }

    @Override
    public void onOpen() {
        connector.send(delivery.connected());
        activity.flushReads(connector::send);
        // Same clientMsgId as before: the server stores a resent message once and answers with its seq.
        if (!unanswered.isEmpty()) {
            log.debug("re-sending {} unanswered messages", unanswered.size());
        }
        unanswered.values().forEach(p -> connector.send(p.frame()));
    }

    @Override
    public void onFrame(Frame frame) {
        Consumer<Frame> handler = handlers.get(frame.getClass());
        if (handler != null) {
            handler.accept(frame);
        }
        acks.afterFrame();
    }

    @Override
    public void onLost() {
        acks.reset();
        delivery.connectionLost();
        pulls.failAll(TernClientException.local("NOT_CONNECTED", "the connection was lost"));
    }

    @Override
    public void onStopped(TernClientException cause) {
        stoppedBy = cause;
        unanswered.values().forEach(p -> p.result().completeExceptionally(cause));
        unanswered.clear();
        pulls.failAll(cause);
    }

    private void onChatResp(ChatResp resp) {
        PendingSend pending = unanswered.remove(resp.clientMsgId());
        if (pending == null) {
            // An answer to a send that was already answered; its seq still tells where the conversation is.
            delivery.onSeqKnown(resp.conversationId(), resp.seq());
            return;
        }
        ChatSend sent = pending.frame();
        // The server does not push a message back to the session that sent it; this is that message. Its ack
        // waits with those of pushes: the commit already moved the sender's own cursor in the common case.
        acks.pushed();
        delivery.onMessage(new ChatPush(resp.msgId(), resp.conversationId(), resp.seq(), connector.userId(),
                sent.toId(), sent.groupId(), resp.ts(), sent.clientMsgId(), sent.content()));
        pending.result().complete(new Sent(resp.msgId(), resp.conversationId(), resp.seq(), resp.ts()));
    }

    private void onError(ErrorFrame error) {
        TernClientException failure = new TernClientException(error.code(), error.error(), error.message(), 0);
        PendingSend pending = error.clientMsgId() == null ? null : unanswered.remove(error.clientMsgId());
        if (pending != null && isTransient(error)) {
            retryLater(pending);
        } else if (pending != null) {
            pending.result().completeExceptionally(failure);
        } else if (error.refType() != null && error.refType() == FrameType.PULL) {
            pulls.failOne(failure);
        } else if (error.refType() != null && error.refType() == FrameType.SYNC) {
            // Without a summary the client cannot catch up on this connection; a new one syncs again.
            errors.accept(failure);
            connector.reconnect(failure);
        } else {
            errors.accept(failure);
        }
    }

    /** The server could not store the message now (store or node unavailable); nothing was stored. */
    private static boolean isTransient(ErrorFrame error) {
        return "STORE_UNAVAILABLE".equals(error.error()) || "UNAVAILABLE".equals(error.error());
    }

    /**
     * Sends the same frame again — same clientMsgId, so it is stored at most once — after a growing backoff.
     * The future stays pending meanwhile, as it does across reconnects.
     */
    private void retryLater(PendingSend pending) {
        PendingSend retried = new PendingSend(pending.frame(), pending.result(), pending.retries() + 1);
        unanswered.put(pending.frame().clientMsgId(), retried);
        connector.afterBackoff(pending.retries(), () -> {
            if (unanswered.get(retried.frame().clientMsgId()) == retried) {
                connector.send(retried.frame());
            }
        });
    }

    private void onSyncResp(SyncResp resp) {
        delivery.onSyncResp(resp);
        connector.synced();
    }

    @SuppressWarnings("unchecked")
    private <F extends Frame> void on(Class<F> type, Consumer<? super F> handler) {
        handlers.put(type, frame -> handler.accept((F) frame));
    }
}
