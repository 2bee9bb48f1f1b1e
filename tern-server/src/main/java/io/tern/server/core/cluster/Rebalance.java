package io.tern.server.core.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Which nodes should move how many clients so that the cluster's load evens out: every node that takes logins
 * (fresh, not draining) above the average gives {@code share} of its excess over the average. The moved clients
 * log in again through the ordinary route, which sends them to the least-loaded nodes (a new one first).
 */
public final class Rebalance {
    /** One node's part of a rebalance. */
    public record Move(int nodeId, long clients) {
    }

    private Rebalance() {
    }

    /** Not draining, and beating: a node the login route may choose. */
    public static boolean takesLogins(NodeInfo n, long staleAfterMillis) {
        return !n.draining() && n.heartbeatAgeMillis() <= staleAfterMillis;
    }

    /**
     * {@code share} in (0, 1]; nodes that are draining, or whose heartbeat is older than {@code staleAfterMillis}
     * (killed, most likely: listed only until their entry expires), take no part. Empty when there is nothing to
     * even out.
     */
    public static List<Move> plan(List<NodeInfo> nodes, double share, long staleAfterMillis) {
        List<NodeInfo> open = nodes.stream().filter(n -> takesLogins(n, staleAfterMillis)).toList();
        if (open.size() < 2) {
            return List.of();
        }
        long total = open.stream().mapToLong(NodeInfo::connections).sum();
        double average = (double) total / open.size();
        List<Move> moves = new ArrayList<>();
        for (NodeInfo n : open) {
            long clients = (long) Math.floor((n.connections() - average) * share);
            if (clients > 0) {
                moves.add(new Move(n.nodeId(), clients));
            }
        }
        return moves;
    }
}
