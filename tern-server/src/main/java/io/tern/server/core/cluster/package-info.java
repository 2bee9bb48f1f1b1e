/**
 * The domain's view of the cluster: which nodes are live and how loaded ({@link
 * io.tern.server.core.cluster.NodeDirectory}), for the login route and the operators' node list. A single node
 * uses {@link io.tern.server.core.cluster.LocalNode}; the Redis implementation lives in
 * {@code io.tern.server.cluster}. The other cluster ports sit next to their users:
 * {@link io.tern.server.core.session.Presence} and {@link io.tern.server.core.message.RemoteFanout}.
 */
package io.tern.server.core.cluster;
