package io.tern.server.core.session;

import io.tern.protocol.Kick;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.Ticker;
import io.tern.server.core.message.Message;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pushed messages a device has not acknowledged yet. Unacked pushes are sent again with doubling backoff;
 * a push left unacked past the ack deadline, or more unacked pushes than allowed, closes the connection —
 * the device then gets everything by catch-up, so nothing is lost. Confined to the connection's executor.
 * Retries and the deadline are measured on a monotonic {@link Ticker}: an NTP step of the wall clock must not
 * close every connection that holds a push.
 */
public final class Outbox {
    private static final class Pending {
        final Message message;
        final byte[] frame;
        final long firstSentAt;
        long nextRetryAt;
        int attempts;
        boolean acked;

        Pending(Message message, byte[] frame, long now, long retryAt) {
            this.message = message;
            this.frame = frame;
            this.firstSentAt = now;
            this.nextRetryAt = retryAt;
        }
    }

    private final Connection connection;
    private final Ticker ticker;
    private final TernConfig.Session config;
    private final TernMetrics metrics;
    /*
     * Both are the shared empty map while nothing waits for an ack, which is most of the time for most of tens of
     * thousands of connections: two empty HashMaps cost about 100 bytes each, and their tables more once used.
     */
    private Map<String, Pending> byMsgId = Collections.emptyMap();
    private Map<String, ArrayDeque<Pending>> byConversation = Collections.emptyMap();
    private boolean tickScheduled;
    private boolean closed;
    private long retries;
    /** Ticker millis of the last ack that cleared a push. */
    private long lastAckAt = Long.MIN_VALUE / 2;

    public Outbox(Connection connection, Ticker ticker, TernConfig.Session config, TernMetrics metrics) {
        this.connection = connection;
        this.ticker = ticker;
        this.config = config;
        this.metrics = metrics;
    }

    /** Sends a push at once. */
    public void push(Message message, byte[] frame) {
        push(message, frame, true);
    }

    /** Queues a push on the connection; the caller sends it with {@link Connection#flush()} (many pushes, one call). */
    public void pushUnflushed(Message message, byte[] frame) {
        push(message, frame, false);
    }

    private void push(Message message, byte[] frame, boolean flush) {
        if (closed) {
            return;
        }
        long now = ticker.millis();
        Pending pending = new Pending(message, frame, now, now + config.retryInitial().toMillis());
        if (byMsgId.isEmpty()) {
            byMsgId = new HashMap<>();
            byConversation = new HashMap<>();
        }
        byMsgId.put(message.msgId(), pending);
        byConversation.computeIfAbsent(message.conversationId(), k -> new ArrayDeque<>()).addLast(pending);
        if (flush) {
            connection.sendEncoded(frame);
        } else {
            connection.write(frame);
        }
        metrics.pushed.increment();
        if (byMsgId.size() > config.maxUnacked()) {
            close(Kick.SLOW_CONSUMER);
            return;
        }
        scheduleTick();
    }

    /**
     * Cumulative ack: everything pushed in the conversation up to seq is held by the device. Returns the highest
     * seq it cleared that was waiting (0 if none): equal to {@code seq} when the ack ends at a push.
     */
    public long ack(String conversationId, long seq) {
        ArrayDeque<Pending> queue = byConversation.get(conversationId);
        if (queue == null) {
            return 0;
        }
        // Not only the head: a push can be queued after one with a higher seq (a re-push of a resent message,
        // a push that came another way), and the ack covers it all the same.
        int acked = 0;
        long highest = 0;
        for (java.util.Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.acked || p.message.seq() <= seq) {
                it.remove();
                if (byMsgId.remove(p.message.msgId()) != null) {
                    acked++;
                    highest = Math.max(highest, p.message.seq());
                }
            }
        }
        metrics.acked.increment(acked);
        if (acked > 0) {
            lastAckAt = ticker.millis();
        }
        if (queue.isEmpty()) {
            byConversation.remove(conversationId);
        }
        releaseIfEmpty();
        return highest;
    }

    /** Ack of one message; returns it, or null if it was not waiting for an ack. */
    public Message ack(String msgId) {
        Pending p = byMsgId.remove(msgId);
        if (p == null) {
            return null;
        }
        p.acked = true;
        lastAckAt = ticker.millis();
        metrics.acked.increment();
        ArrayDeque<Pending> queue = byConversation.get(p.message.conversationId());
        while (queue != null && !queue.isEmpty() && queue.peekFirst().acked) {
            queue.pollFirst();
        }
        if (queue != null && queue.isEmpty()) {
            byConversation.remove(p.message.conversationId());
        }
        releaseIfEmpty();
        return p.message;
    }

    /** Re-sends what is due and enforces the ack deadline. Called by its own timer; public for tests. */
    public void tick() {
        tickScheduled = false;
        if (closed) {
            return;
        }
        long now = ticker.millis();
        long deadline = config.ackDeadline().toMillis();
        for (Pending p : byMsgId.values()) {
            if (now - p.firstSentAt >= deadline) {
                close(Kick.ACK_TIMEOUT);
                return;
            }
        }
        // A device that acknowledged a push within the retry interval, or has not even read what was sent, is
        // behind, not losing frames (a WebSocket loses none): re-sending to it would only add to what it is behind
        // on, and under load every slow device would get everything twice. The deadline above still closes it if
        // it stops acknowledging.
        if (now - lastAckAt < config.retryInitial().toMillis() || connection.backlogged()) {
            scheduleTick();
            return;
        }
        for (ArrayDeque<Pending> queue : byConversation.values()) {
            for (Pending p : queue) {
                if (!p.acked && now >= p.nextRetryAt) {
                    p.attempts++;
                    retries++;
                    metrics.retried.increment();
                    long backoff = Math.min(config.retryInitial().toMillis() << Math.min(p.attempts, 20),
                            config.retryMax().toMillis());
                    p.nextRetryAt = now + backoff;
                    connection.sendEncoded(p.frame);
                }
            }
        }
        scheduleTick();
    }

    public int unacked() {
        return byMsgId.size();
    }

    public long retries() {
        return retries;
    }

    /** The session ended: drop everything (catch-up will deliver it) and stop the timer. */
    public void discard() {
        closed = true;
        byMsgId = Collections.emptyMap();
        byConversation = Collections.emptyMap();
    }

    /** Nothing waits for an ack any more: what is left in the queues was acked by msgId; back to the empty maps. */
    private void releaseIfEmpty() {
        if (byMsgId.isEmpty()) {
            byMsgId = Collections.emptyMap();
            byConversation = Collections.emptyMap();
        }
    }

    private void close(String reason) {
        discard();
        connection.kick(reason);
    }

    private void scheduleTick() {
        if (tickScheduled || byMsgId.isEmpty()) {
            return;
        }
        tickScheduled = true;
        long delay = Math.max(50, config.retryInitial().toMillis() / 2);
        connection.executor().schedule(this::tick, delay, TimeUnit.MILLISECONDS);
    }
}
