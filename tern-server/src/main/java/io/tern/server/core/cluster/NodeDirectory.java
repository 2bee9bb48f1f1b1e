package io.tern.server.core.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port: the live nodes of the cluster, for routing new connections and for operators. */
public interface NodeDirectory {
    /** The live nodes, by node id. Blocking (may ask Redis): call off the I/O threads. */
    List<NodeInfo> liveNodes();

    /**
     * The WebSocket URL a client that is logging in now should connect to: the least-loaded live node's that
     * is not draining and not among {@code unreachable} (the URLs the client just failed to connect to).
     * Empty when this node cannot tell (a single node, or the registry is unreachable); the caller then
     * answers with this node's own URL. Blocking, like {@link #liveNodes()}.
     */
    Optional<String> routeNewConnection(Collection<String> unreachable);

    default Optional<String> routeNewConnection() {
        return routeNewConnection(List.of());
    }
}
