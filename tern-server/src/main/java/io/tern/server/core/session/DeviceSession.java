package io.tern.server.core.session;

import io.tern.server.core.TernException;
import io.tern.server.core.account.Principal;
import io.tern.server.core.message.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One logged-in device on one connection. A WebSocket session has an outbox (pushes are acked and retried);
 * a long-poll device has none: its next poll's cursors are the ack.
 */
public final class DeviceSession {
    /** Lookups one connection may have queued on the read executor; more are refused, so the queue stays bounded. */
    static final int MAX_LOOKUPS = 32;

    private final long id;
    private final Principal principal;
    private final Connection connection;
    private final Outbox outbox;
    /**
     * conversationId to when the last TYPING notice went out; touched only on the connection's executor. Made on
     * the first TYPING: most connections never send one, and tens of thousands of empty maps add up.
     */
    private Map<String, Long> lastTyping;
    /**
     * Store lookups for this session's READ, TYPING and ACK frames still waiting; bounded by MAX_LOOKUPS. A field
     * with an updater, not an AtomicInteger: one object (16 bytes) less for every connection.
     */
    private volatile int lookups;
    private static final AtomicIntegerFieldUpdater<DeviceSession> LOOKUPS =
            AtomicIntegerFieldUpdater.newUpdater(DeviceSession.class, "lookups");
    /*
     * The two answers below are made only when someone asks before they are known: most sessions are decided and
     * routed at once, and then share one completed future each instead of holding two (~100 bytes a connection).
     * Guarded by this; null: not asked, not known.
     */
    private static final CompletableFuture<Void> ROUTED =
            CompletableFuture.completedFuture(null);
    private static final CompletableFuture<TernException> STAYS =
            CompletableFuture.completedFuture(null);
    /** Completes once other nodes can route pushes to this session (at once on a single node). */
    private CompletableFuture<Void> routed;
    /** Null once the session may stay; the refusal if the cluster refused it (the policy counted other nodes). */
    private CompletableFuture<TernException> refusal;

    public DeviceSession(long id, Principal principal, Connection connection, Outbox outbox) {
        this.id = id;
        this.principal = principal;
        this.connection = connection;
        this.outbox = outbox;
    }

    public long id() {
        return id;
    }

    public long userId() {
        return principal.userId();
    }

    public String deviceId() {
        return principal.deviceId();
    }

    public Principal principal() {
        return principal;
    }

    public Connection connection() {
        return connection;
    }

    /** The outbox, or null for a long-poll device; only to be used on {@code connection().executor()}. */
    public Outbox outbox() {
        return outbox;
    }

    /**
     * Completes once other nodes can route pushes here (or that was tried and failed). A catch-up read waits
     * for it: a message committed after that read is then sure to be pushed here, from whichever node.
     */
    public synchronized CompletableFuture<Void> routed() {
        if (routed == null) {
            routed = new CompletableFuture<>();
        }
        return routed.copy(); // callers get their own stage: completing it cannot touch the shared one
    }

    /** Called by the registry when the cluster has learnt of this session. */
    void markRouted() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            if (routed == null) {
                routed = ROUTED;
                return;
            }
            waiting = routed;
        }
        waiting.complete(null);
    }

    /**
     * Completes with null once the session may stay (at once unless a multi-device rule must ask the cluster), or
     * with the refusal (ALREADY_ONLINE, RATE_LIMITED) once the cluster refused it; it is then unregistered.
     */
    public synchronized CompletableFuture<TernException> refusal() {
        if (refusal == null) {
            refusal = new CompletableFuture<>();
        }
        return refusal.copy();
    }

    void decide(TernException refusedWith) {
        CompletableFuture<TernException> waiting;
        synchronized (this) {
            if (refusal == null) {
                refusal = refusedWith == null ? STAYS : CompletableFuture.completedFuture(refusedWith);
                return;
            }
            waiting = refusal;
        }
        waiting.complete(refusedWith);
    }

    /** Pushes a stored message; safe from any thread. */
    public void push(Message message, byte[] encoded) {
        if (outbox == null) {
            connection.sendEncoded(encoded);
        } else {
            connection.executor().execute(() -> outbox.push(message, encoded));
        }
    }

    /**
     * Pushes a stored message from {@code connection().executor()} itself (a task that pushes many), without
     * sending it yet: the task ends with {@link #flushHere()} once per session.
     */
    public void pushHere(Message message, byte[] encoded) {
        outbox.pushUnflushed(message, encoded);
    }

    /** Sends what {@link #pushHere} queued; on {@code connection().executor()}. */
    public void flushHere() {
        connection.flush();
    }

    /** Sends an ephemeral notice (typing, reads, presence); a long-poll device gets it with its next poll. Safe from any thread. */
    public void notice(byte[] encoded) {
        connection.notice(encoded);
    }

    /** Takes a slot for a store lookup; false if the session has too many waiting. Safe from any thread. */
    public boolean beginLookup() {
        if (LOOKUPS.incrementAndGet(this) > MAX_LOOKUPS) {
            LOOKUPS.decrementAndGet(this);
            return false;
        }
        return true;
    }

    /** Gives back the slot of a finished lookup. */
    public void endLookup() {
        LOOKUPS.decrementAndGet(this);
    }

    /**
     * Whether a TYPING notice went out less than the interval ago; records nothing. Lets a repeated frame be
     * dropped before its membership is looked up. Call on {@code connection().executor()}.
     */
    public boolean typingThrottled(String conversationId, long now, long intervalMillis) {
        Long last = lastTyping == null ? null : lastTyping.get(conversationId);
        return last != null && now - last < intervalMillis;
    }

    /** Whether a TYPING notice may go out now; records it if so. Call on {@code connection().executor()}. */
    public boolean typingAllowed(String conversationId, long now, long intervalMillis) {
        if (lastTyping == null) {
            lastTyping = new HashMap<>();
        }
        Long last = lastTyping.get(conversationId);
        if (last != null && now - last < intervalMillis) {
            return false;
        }
        if (lastTyping.size() > 64) {
            lastTyping.clear(); // bounded: a client typing in many conversations at once loses nothing but throttling
        }
        lastTyping.put(conversationId, now);
        return true;
    }

    @Override
    public String toString() {
        return "session " + id + " of user " + userId() + " device " + deviceId();
    }
}
