package io.tern.server.core.cluster;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins this node sent to each node whose connections have not shown up in that node's count yet. Counts in the
 * registry are only as fresh as the last heartbeat, and a client may connect well after its login (an app that
 * logs in on start and connects later, a login storm after a restart): without this every login of a burst
 * goes to whichever node was emptiest when it began, past what that node can hold.
 *
 * <p>For each node it keeps the connection count when the first pending login was sent and how many were sent
 * since: the logins count as arrived as far as the node's count has grown since then, and the rest as load
 * still to come. A node whose count fell (clients left, a restart) gets none of them counted as arrived.
 * Pending logins are forgotten {@code window} after the first of them, on the monotonic ticker: a client that
 * never connects does not weigh on its node for ever.
 */
public final class PendingLogins {
    private record Pending(long baseline, long sent, long sinceNanos) {
    }

    private final Ticker ticker;
    private final long windowNanos;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

    public PendingLogins(Ticker ticker, Duration window) {
        this.ticker = ticker;
        this.windowNanos = window.toNanos();
    }

    /** The node's load for choosing: its connections and the logins sent to it that have not arrived. */
    public long load(NodeInfo node) {
        Pending p = current(node.nodeId());
        if (p == null) {
            return node.connections();
        }
        long arrived = Math.max(0, node.connections() - p.baseline());
        return node.connections() + Math.max(0, p.sent() - arrived);
    }

    /** A login was sent to the node. */
    public void sent(NodeInfo node) {
        long now = ticker.nanos();
        pending.compute(node.nodeId(), (id, p) -> p == null || now - p.sinceNanos() >= windowNanos
                ? new Pending(node.connections(), 1, now) : new Pending(p.baseline(), p.sent() + 1, p.sinceNanos()));
    }

    private Pending current(int nodeId) {
        Pending p = pending.get(nodeId);
        if (p != null && ticker.nanos() - p.sinceNanos() >= windowNanos) {
            pending.remove(nodeId, p);
            return null;
        }
        return p;
    }
}
