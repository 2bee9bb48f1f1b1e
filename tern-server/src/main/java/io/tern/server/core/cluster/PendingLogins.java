package io.tern.server.core.cluster;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins this node sent to each node whose connections have not shown up in that node's count yet. Counts in the
 * registry are only as fresh as the last heartbeat, and a client may connect well after its login (an app that
 * logs in on start and connects later, a login storm after a restart): without this every login of a burst
 * goes to whichever node was emptiest when it began, past what that node can hold.
 *
 * <p>Arrivals are taken off as they are seen: at every registry read ({@link #observe}, at least once per
 * heartbeat) a node's count that grew since the last read pays off that many outstanding logins. A count that
 * fell (clients left, the node restarted empty) pays off nothing and forgets nothing already paid off, so logins
 * whose clients connected before a node restarted are not counted against it again. Each login request reads the
 * registry on its own, so reads arrive out of order: one older than the last seen (its heartbeat's {@code seenAt}
 * is earlier) teaches nothing and changes nothing, or the same growth would be paid off twice. Pending logins are forgotten
 * {@code window} after the first of them, on the monotonic ticker: a client that never connects does not weigh
 * on its node for ever.
 */
public final class PendingLogins {
    private record Pending(long lastCount, long seenAt, long outstanding, long sinceNanos) {
    }

    private final Ticker ticker;
    private final long windowNanos;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

    public PendingLogins(Ticker ticker, Duration window) {
        this.ticker = ticker;
        this.windowNanos = window.toNanos();
    }

    /** Records the registry as just read: growth since the last read counts as pending logins arriving. */
    public void observe(List<NodeInfo> listed) {
        for (NodeInfo n : listed) {
            pending.computeIfPresent(n.nodeId(), (id, p) -> paidOff(p, n));
        }
        // not "every node not listed": an older read may not list a node that just registered again
        long now = ticker.nanos();
        pending.values().removeIf(p -> now - p.sinceNanos() >= windowNanos);
    }

    /** The node's load for choosing: its connections and the logins sent to it that have not arrived. */
    public long load(NodeInfo node) {
        Pending p = pending.computeIfPresent(node.nodeId(), (id, old) -> paidOff(old, node));
        return node.connections() + (p == null ? 0 : p.outstanding());
    }

    /** A login was sent to the node. */
    public void sent(NodeInfo node) {
        pending.compute(node.nodeId(), (id, old) -> {
            Pending p = old == null ? null : paidOff(old, node);
            return p == null ? new Pending(node.connections(), node.seenAt(), 1, ticker.nanos())
                    : new Pending(p.lastCount(), p.seenAt(), p.outstanding() + 1, p.sinceNanos());
        });
    }

    /** {@code p} after seeing {@code node}'s count, or null once nothing is outstanding or the window passed. */
    private Pending paidOff(Pending p, NodeInfo node) {
        if (ticker.nanos() - p.sinceNanos() >= windowNanos) {
            return null;
        }
        if (node.seenAt() < p.seenAt()) {
            return p; // an older read than one already counted
        }
        long grown = Math.max(0, node.connections() - p.lastCount());
        long outstanding = p.outstanding() - Math.min(p.outstanding(), grown);
        return outstanding == 0 ? null : new Pending(node.connections(), node.seenAt(), outstanding, p.sinceNanos());
    }
}
