/**
 * Cluster mode on Redis (Lettuce): what is live is shared there, what is durable lives in PostgreSQL.
 *
 * <ul>
 *   <li>{@link io.tern.server.cluster.NodeRegistry}: one key per node ({@code tern:node:<id>}, its WebSocket
 *       URL and connection count) refreshed every heartbeat with a TTL; the login route and
 *       {@code GET /api/nodes} read it.</li>
 *   <li>{@link io.tern.server.cluster.RouteTable}: the route of every online device, a hash per user
 *       ({@code tern:route:<userId>}: deviceId to node id), written when a session opens, refreshed every
 *       heartbeat, removed when it closes, and expiring with the TTL when its node dies.</li>
 *   <li>{@link io.tern.server.cluster.RedisFanout} publishes a message once per target node on that node's
 *       channel ({@code tern:ch:<id>}) with the recipient list and the frame encoded once;
 *       {@link io.tern.server.cluster.ClusterInbox} receives it and pushes into the local sessions' outboxes.</li>
 *   <li>{@link io.tern.server.cluster.RedisLink} holds the connections: to one server or through Sentinel
 *       ({@link io.tern.server.cluster.RedisServerConnections}) or to a Redis Cluster
 *       ({@link io.tern.server.cluster.RedisClusterConnections}); it runs many-key scripts once per hash slot
 *       and uses sharded pub/sub for node channels on Redis 7.</li>
 *   <li>{@link io.tern.server.cluster.ClusterNode} runs the heartbeat, notices a Redis outage, and when Redis
 *       is back re-registers everything and tells every local client to SYNC.</li>
 * </ul>
 *
 * Nothing here is needed for a node to serve its own clients: with Redis away, local delivery goes on.
 */
package io.tern.server.cluster;
