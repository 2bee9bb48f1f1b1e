package io.tern.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import reactor.core.Disposable;

/**
 * A Redis Cluster ({@code redis-cluster://host:port,host:port}, {@code rediss-cluster://} for TLS): Lettuce's
 * cluster client sends each command to the primary of its key's slot and follows the topology (refreshed when a
 * command is redirected, a slot is uncovered or a server keeps refusing, and every {@link #REFRESH_PERIOD}; after
 * a server went away, every {@link #FAILOVER_REFRESH_EVERY} for a while, so a promoted replica is used at once).
 * A topology change or a pub/sub reconnect tells {@link ClusterHealth} that a recovery may succeed now.
 * Plain pub/sub is one connection to any server (Redis Cluster passes PUBLISH to every server); a shard channel is
 * subscribed at the primary that owns its slot, again at every recovery, so a promoted replica is followed.
 * Only a lost pub/sub connection counts as an outage here: the cluster client opens and closes short connections
 * of its own to read the topology, and every command failure is reported anyway.
 */
final class RedisClusterConnections implements RedisConnections {
    /** Topology refresh even when nothing failed: catches a failover no command of this node ran into. */
    static final Duration REFRESH_PERIOD = Duration.ofSeconds(5);
    /**
     * After a reconnect to a server failed, the topology is read this often for {@link #FAILOVER_REFRESHES}
     * times: a replica takes over a dead primary about two seconds later, and the node should learn it within
     * a fraction of a second, not at Lettuce's next own refresh (up to a second or more on a busy machine).
     */
    static final Duration FAILOVER_REFRESH_EVERY = Duration.ofMillis(200);
    static final int FAILOVER_REFRESHES = 50;

    private final String uri;
    private final RedisClusterClient client;
    private final BiConsumer<String, String> onMessage;
    private volatile StatefulRedisClusterConnection<String, String> commands;
    private volatile StatefulRedisClusterPubSubConnection<String, String> pubsub;
    /** The server the node channel is shard-subscribed at, to unsubscribe there when the slot moved. */
    private volatile String shardOwner;
    private final ClientResources resources;
    private final AtomicInteger refreshesLeft = new AtomicInteger();
    private final Disposable topologyChanges;
    private volatile boolean closed;

    RedisClusterConnections(String uri, ClientResources resources, ClientOptions options, Duration timeout,
                            ClusterHealth health, BiConsumer<String, String> onMessage) {
        this.uri = uri;
        this.onMessage = onMessage;
        this.resources = resources;
        this.client = RedisClusterClient.create(resources, seeds(uri, timeout));
        client.setOptions(ClusterClientOptions.builder(options)
                // a connection to a server is opened when the first command for it comes: queue that command (it
                // still times out after the command timeout) instead of rejecting it while the connection opens.
                // Rejecting would fail the commands for a dead primary at once, but also every first command for
                // a server (each start, and the promoted replica right after a failover); a push queued for a
                // dead primary costs nothing but its own timeout now (its recipients SYNC, see ClusterHealth)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .refreshTriggersReconnectAttempts(2)
                        .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                        .enablePeriodicRefresh(REFRESH_PERIOD)
                        .build())
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection instanceof StatefulRedisPubSubConnection<?, ?>) {
                    health.disconnected();
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
                if (connection instanceof StatefulRedisPubSubConnection<?, ?>) {
                    health.reachable();
                }
            }
        });
        this.topologyChanges = resources.eventBus().get().subscribe(e -> {
            if (e instanceof ClusterTopologyChangedEvent) {
                health.reachable();
            } else if (e instanceof ReconnectFailedEvent failed && failed.getAttempt() <= 1) {
                // a server is really away (the topology's own short connections never reconnect): learn who
                // takes over as soon as it happened; a server that stays away starts no further rounds
                refreshSoon();
            }
        });
    }

    /** Starts (or prolongs) reading the topology every {@link #FAILOVER_REFRESH_EVERY}. */
    private void refreshSoon() {
        if (refreshesLeft.getAndSet(FAILOVER_REFRESHES) == 0) {
            scheduleRefresh();
        }
    }

    private void scheduleRefresh() {
        resources.eventExecutorGroup().schedule(() -> {
            if (closed) {
                return;
            }
            client.refreshPartitionsAsync().whenComplete((done, err) -> {
                if (refreshesLeft.decrementAndGet() > 0) {
                    scheduleRefresh();
                }
            });
        }, FAILOVER_REFRESH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The seed servers of a {@code redis-cluster://[user:password@]host:port,host:port[?options]} URI. */
    static List<RedisURI> seeds(String uri, Duration timeout) {
        int schemeEnd = uri.indexOf("://");
        String scheme = uri.substring(0, schemeEnd).replace("-cluster", "");
        String rest = uri.substring(schemeEnd + 3);
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? "" : rest.substring(0, at + 1);
        String hostsAndRest = rest.substring(at + 1);
        int end = firstOf(hostsAndRest, '/', '?');
        String suffix = hostsAndRest.substring(end);
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : hostsAndRest.substring(0, end).split(",")) {
            RedisURI seed = RedisURI.create(scheme + "://" + userInfo + host.trim() + suffix);
            seed.setTimeout(timeout);
            seeds.add(seed);
        }
        return seeds;
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? (j < 0 ? s.length() : j) : (j < 0 ? i : Math.min(i, j));
    }

    @Override
    public void connect() {
        StatefulRedisClusterConnection<String, String> c = null;
        try {
            c = client.connect();
            StatefulRedisClusterPubSubConnection<String, String> p = client.connectPubSub();
            p.addListener(new RedisClusterPubSubAdapter<>() {
                @Override
                public void message(RedisClusterNode node, String channel, String message) {
                    onMessage.accept(channel, message);
                }

                @Override
                public void smessage(RedisClusterNode node, String channel, String message) {
                    onMessage.accept(channel, message);
                }
            });
            pubsub = p;
            commands = c;
        } catch (RuntimeException e) {
            if (c != null) {
                c.close();
            }
            throw new IllegalStateException("cannot connect to the Redis Cluster at " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RedisClusterAsyncCommands<String, String> commands() {
        StatefulRedisClusterConnection<String, String> c = commands;
        return c == null ? null : c.async();
    }

    @Override
    public CompletableFuture<Void> subscribe(String nodeChannel, String broadcast, boolean sharded) {
        CompletableFuture<Void> plain = pubsub.async().subscribe(nodeChannel, broadcast).toCompletableFuture();
        if (!sharded) {
            return plain;
        }
        RedisClusterNode owner = client.getPartitions().getPartitionBySlot(SlotHash.getSlot(nodeChannel));
        if (owner == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no server owns the slot of " + nodeChannel));
        }
        String previous = shardOwner;
        if (previous != null && !previous.equals(owner.getNodeId())) {
            unsubscribeAt(previous, nodeChannel);
        }
        // blocks while connecting to that server: called on the heartbeat thread only
        CompletableFuture<Void> shard = pubsub.getConnection(owner.getNodeId()).async().ssubscribe(nodeChannel)
                .toCompletableFuture();
        shardOwner = owner.getNodeId();
        return CompletableFuture.allOf(plain, shard);
    }

    /** Best effort: a former owner that comes back (as a replica) would otherwise deliver every message twice. */
    private void unsubscribeAt(String server, String channel) {
        try {
            pubsub.getConnectionAsync(server).thenAccept(c -> c.async().sunsubscribe(channel));
        } catch (RuntimeException e) { // gone from the topology: nothing to unsubscribe
        }
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public void close() {
        closed = true;
        topologyChanges.dispose();
        if (pubsub != null) {
            pubsub.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
