package io.tern.server.cluster;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.CompletableFuture;

/**
 * The connections to one Redis deployment: a single server (directly or through Sentinel) or a Redis Cluster.
 * Both give the same command interface, so everything above works on either; they differ in how a channel is
 * subscribed and whether keys of one script must share a hash slot.
 */
interface RedisConnections extends AutoCloseable {
    /** Opens the command and pub/sub connections; throws if Redis cannot be reached. */
    void connect();

    /** The command connection, or null before {@link #connect} succeeded. */
    RedisClusterAsyncCommands<String, String> commands();

    /**
     * Subscribes this node's own channel and the broadcast channel; with {@code sharded} the node channel also
     * as a shard channel (SSUBSCRIBE), at the server that owns its slot. Safe to repeat (every recovery does).
     */
    CompletableFuture<Void> subscribe(String nodeChannel, String broadcast, boolean sharded);

    /** Whether keys live in hash slots spread over several servers (a script may touch only one slot). */
    boolean clustered();

    @Override
    void close();
}
