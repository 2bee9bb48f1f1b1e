package io.tern.server.core.cluster;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The directory of a single node: only itself, and no routing (the login answers with its own URL). */
public final class LocalNode implements NodeDirectory {
    private final int nodeId;
    private final Supplier<String> wsUrl;
    private final LongSupplier connections;
    private final java.time.Clock clock;

    /** {@code wsUrl} is asked late because the port may only be known once it is bound. */
    public LocalNode(int nodeId, Supplier<String> wsUrl, LongSupplier connections, java.time.Clock clock) {
        this.nodeId = nodeId;
        this.clock = clock;
        this.wsUrl = wsUrl;
        this.connections = connections;
    }

    @Override
    public List<NodeInfo> liveNodes() {
        long n = connections.getAsLong();
        return List.of(new NodeInfo(nodeId, wsUrl.get(), n, clock.millis(), n, 0, false, 0));
    }

    @Override
    public Optional<String> routeNewConnection(java.util.Collection<String> unreachable) {
        return Optional.empty();
    }
}
