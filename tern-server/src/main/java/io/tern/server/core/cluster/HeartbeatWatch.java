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
 *
 * <p>A client that could not reach a node says so when it asks for a route ({@link #suspect}); that node then
 * gets no logins until its entry changes again. A killed node never beats again, so its clients' first
 * reports take it out of routing long before {@code staleAfter}; a live node is back at its next heartbeat,
 * so a false (or malicious) report costs it at most one heartbeat of logins.
 */
public final class HeartbeatWatch {
    private record Seen(long seenAt, long observedNanos) {
    }

    private final int self;
    private final Ticker ticker;
    private final long staleNanos;
    /** One entry per listed node: entries of nodes no longer listed are dropped at each observation. */
    private final Map<Integer, Seen> seen = new ConcurrentHashMap<>();
    /** Nodes a client could not reach, with the {@code seenAt} they had then. */
    private final Map<Integer, Long> suspects = new ConcurrentHashMap<>();

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
            suspects.computeIfPresent(n.nodeId(), (id, at) -> at == n.seenAt() ? at : null);
        }
        seen.keySet().retainAll(ids);
        suspects.keySet().retainAll(ids);
    }

    /** A client could not connect to {@code node}: no logins for it until its next heartbeat shows it alive. */
    public void suspect(NodeInfo node) {
        if (node.nodeId() != self) {
            suspects.put(node.nodeId(), node.seenAt());
        }
    }

    /**
     * Whether {@code node} may be given a login: it is this node, or its entry changed recently enough and no
     * client reported it unreachable since.
     */
    public boolean fresh(NodeInfo node) {
        if (node.nodeId() == self) {
            return true;
        }
        Long suspectAt = suspects.get(node.nodeId());
        if (suspectAt != null && suspectAt == node.seenAt()) {
            return false;
        }
        Seen s = seen.get(node.nodeId());
        return s != null && s.seenAt() == node.seenAt() && ticker.nanos() - s.observedNanos() <= staleNanos;
    }

    /** Milliseconds since this node saw {@code node}'s entry change; 0 for itself, -1 if never seen. */
    public long ageMillis(NodeInfo node) {
        if (node.nodeId() == self) {
            return 0;
        }
        Seen s = seen.get(node.nodeId());
        return s == null ? -1 : (ticker.nanos() - s.observedNanos()) / 1_000_000;
    }
}
