package io.tern.server.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tern.server.core.cluster.ClientMover;

/**
 * This node's cluster figures at {@code /metrics}: the ones it also publishes in its registry entry (read by
 * {@code GET /api/nodes}), so a scraper of each node needs no Redis.
 */
public final class ClusterMetrics {
    private ClusterMetrics() {
    }

    public static void bind(MeterRegistry registry, ClusterNode node) {
        Gauge.builder("tern.cluster.draining", node, n -> draining(n.mover()) ? 1 : 0)
                .description("1 while this node is draining (it takes no logins and moves its clients off)")
                .register(registry);
        FunctionCounter.builder("tern.cluster.clients.moved", node, n -> n.mover() == null ? 0 : n.mover().moved())
                .description("clients this node told to reconnect elsewhere (drain, rebalance)").register(registry);
        Gauge.builder("tern.cluster.nodes.live", node, ClusterNode::liveNodeCount)
                .description("nodes listed in the registry at this node's last heartbeat").register(registry);
        Gauge.builder("tern.cluster.messages.rate", node, ClusterNode::messagesPerSecond)
                .description("messages a second this node committed over its last heartbeat").register(registry);
    }

    private static boolean draining(ClientMover mover) {
        return mover != null && mover.draining();
    }
}
