package io.tern.server.core.cluster;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells which nodes still beat. A node's registry entry outlives it by up to the TTL, which is far too long to
 * keep sending logins to a killed node; so a node counts as stale for logins once its entry has not changed
 * for {@code staleAfter}. "Changed" is judged by when this node saw a new {@code seenAt}, on its own monotonic
 * ticker, so the wall clocks of different machines need not agree. A node seen for the first time counts as
 * fresh from then on. This node itself is never stale: if it runs, it can take the client.
 */
public final class HeartbeatWatch {
    private record Seen(long seenAt, long observedNanos) {
    }

    private final int self;
    private final Ticker ticker;
    private final long staleNanos;
    /** One entry per listed node: entries of nodes no longer listed are dropped at each observation. */
    private final Map<Integer, Seen> seen = new ConcurrentHashMap<>();

    public HeartbeatWatch(int self, Ticker ticker, Duration staleAfter) {
        this.self = self;
        this.ticker = ticker;
        this.staleNanos = staleAfter.toNanos();
    }

    /** Records the registry as just read; call with every read, so a change is noticed when it happens. */
    public void observe(List<NodeInfo> listed) {
        long now = ticker.nanos();
        Set<Integer> ids = new HashSet<>();
        for (NodeInfo n : listed) {
            ids.add(n.nodeId());
            seen.compute(n.nodeId(), (id, old) -> old == null || old.seenAt() != n.seenAt()
                    ? new Seen(n.seenAt(), now) : old);
        }
        seen.keySet().retainAll(ids);
    }

    /** Whether {@code node} may be given a login: it is this node, or its entry changed recently enough. */
    public boolean fresh(NodeInfo node) {
        if (node.nodeId() == self) {
            return true;
        }
        Seen s = seen.get(node.nodeId());
        return s != null && s.seenAt() == node.seenAt() && ticker.nanos() - s.observedNanos() <= staleNanos;
    }
}
