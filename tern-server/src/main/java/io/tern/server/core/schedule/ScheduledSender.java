package io.tern.server.core.schedule;

import io.tern.protocol.ChatSend;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.RawJson;
import io.tern.server.core.TernException;
import io.tern.server.core.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends scheduled messages when they are due. {@link #tick()} is called every second; a run goes to the
 * blocking executor (one at a time) and sends at most {@link #BATCH} messages, each claimed first so a cancel
 * and a send never both win. A message is sent with the clientMsgId it was scheduled with: if the node dies
 * after the commit but before the row is removed, the next run (after {@link #STALE}) sends it again and the
 * store answers the original. A refusal (the user left the group, ...) is kept as FAILED; an outage is retried.
 */
public final class ScheduledSender {
    private static final Logger log = LoggerFactory.getLogger(ScheduledSender.class);
    /** Most messages one run sends; the rest wait for the next second. */
    static final int BATCH = 200;
    /** A message taken this long ago and still there was taken by a node that died. */
    static final Duration STALE = Duration.ofMinutes(1);

    private final ScheduledStore store;
    private final BiFunction<Long, ChatSend, CompletableFuture<Message>> send;
    private final Clock clock;
    private final Executor blocking;
    private final AtomicBoolean running = new AtomicBoolean();

    /** {@code send}: the ordinary send path of a user (media resolved, committed, pushed). */
    public ScheduledSender(ScheduledStore store, BiFunction<Long, ChatSend, CompletableFuture<Message>> send,
                           Clock clock, Executor blocking) {
        this.store = store;
        this.send = send;
        this.clock = clock;
        this.blocking = blocking;
    }

    public void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            blocking.execute(() -> {
                try {
                    runOnce();
                } catch (RuntimeException e) {
                    log.warn("scheduled sends failed; retried in a second: {}", e.toString());
                } finally {
                    running.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            running.set(false); // shutting down
        }
    }

    /** Sends what is due now and waits for the answers; returns how many were stored. */
    public int runOnce() {
        long now = clock.millis();
        long stale = now - STALE.toMillis();
        List<Scheduled> due = store.due(now, stale, BATCH);
        int stored = 0;
        for (Scheduled s : due) {
            if (!store.claim(s.id(), now, stale)) {
                continue;
            }
            try {
                send.apply(s.userId(), chat(s)).join();
                store.sent(s.id());
                stored++;
            } catch (CompletionException | TernException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                ErrorCode code = cause instanceof TernException te ? te.code() : ErrorCode.INTERNAL;
                if (code == ErrorCode.UNAVAILABLE || code == ErrorCode.STORE_UNAVAILABLE || code == ErrorCode.RATE_LIMITED) {
                    log.debug("scheduled message {} not sent yet: {}", s.id(), cause.toString());
                    continue; // stays SENDING and is taken again once stale
                }
                store.failed(s.id(), code.name());
            }
        }
        return stored;
    }

    private static ChatSend chat(Scheduled s) {
        return new ChatSend(s.clientMsgId(), s.toId(), s.groupId(), null, new RawJson(s.content()));
    }
}
