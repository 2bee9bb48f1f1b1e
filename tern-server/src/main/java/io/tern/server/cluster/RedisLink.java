package io.tern.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.tern.server.startup.StartWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The node's connections to Redis ({@link RedisConnections}: one server, directly or through Sentinel, or a Redis
 * Cluster): commands and publishing on one, this node's channel and the broadcast channel subscribed on the
 * other. Commands fail fast while Redis is away (none are queued to be replayed late), every command has a
 * timeout, and Lettuce reconnects by itself with a short capped backoff; each lost connection is reported to
 * {@link ClusterHealth}. A node that cannot reach Redis when it starts waits for it up to
 * {@code cluster.startWait}, then starts without it and keeps connecting in the background: until then every
 * command fails at once, as during an outage. On Redis 7 or later the node channels are shard channels
 * (SPUBLISH/SSUBSCRIBE): in a Redis Cluster a push then travels only to the shard that owns the channel instead
 * of to every server.
 */
final class RedisLink implements AutoCloseable {
    /** Longest wait for any one Redis command. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Longest pause between reconnect attempts. Short, because through Sentinel the new primary is only found by
     * a reconnect (each asks the sentinels): a second here was up to a second more of a failover.
     */
    static final Duration RECONNECT_MAX_DELAY = Duration.ofMillis(200);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RedisLink.class);

    private final String uri;
    private final ClientResources resources;
    private final RedisConnections connections;
    private volatile boolean closed;
    /** Whether node channels are shard channels; decided at every (re)subscription from the server's version. */
    private volatile boolean sharded;

    private RedisLink(String uri, ClusterHealth health, BiConsumer<String, String> onMessage) {
        this.uri = uri;
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), RECONNECT_MAX_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).keepAlive(true).build())
                // RESP2 works with every Redis still in use; pub/sub has its own connection anyway.
                .protocolVersion(ProtocolVersion.RESP2)
                .build();
        this.connections = isCluster(uri)
                ? new RedisClusterConnections(uri, resources, options, COMMAND_TIMEOUT, health, onMessage)
                : new RedisServerConnections(uri, resources, options, COMMAND_TIMEOUT, health, onMessage);
    }

    /** Whether the URI names a Redis Cluster rather than one server. */
    static boolean isCluster(String uri) {
        return uri.startsWith("redis-cluster://") || uri.startsWith("rediss-cluster://");
    }

    /**
     * Connects, waiting for Redis up to {@code startWait} with capped exponential backoff; if it is still away,
     * returns a link that is not connected yet and keeps trying on {@code timer}. {@code onMessage} gets
     * (channel, payload) of every message on the subscribed channels, on a Lettuce thread.
     */
    static RedisLink open(String uri, Duration startWait, ClusterHealth health, BiConsumer<String, String> onMessage,
                          ScheduledExecutorService timer) {
        RedisLink link = new RedisLink(uri, health, onMessage);
        try {
            StartWait.system().until("Redis at " + uri, startWait, e -> true, () -> {
                link.connectOnce();
                return link;
            });
        } catch (RuntimeException e) {
            log.warn("Redis at {} still unreachable after {} s ({}); starting without it: this node serves its own "
                    + "users and joins the cluster when Redis answers", uri, startWait.toSeconds(), e.getMessage());
            link.retryLater(timer, 1);
        }
        return link;
    }

    private void retryLater(ScheduledExecutorService timer, int attempt) {
        Duration pause = StartWait.pauseAfter(attempt);
        timer.schedule(() -> {
            if (closed) {
                return;
            }
            try {
                connectOnce();
                log.info("connected to Redis at {} after {} background attempts", uri, attempt);
            } catch (RuntimeException e) {
                log.warn("Redis at {} still unreachable (background attempt {}: {}); next try in {} ms", uri, attempt,
                        e.getMessage(), StartWait.pauseAfter(attempt + 1).toMillis());
                retryLater(timer, attempt + 1);
            }
        }, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void connectOnce() {
        connections.connect();
    }

    /** Whether the link was ever established (Lettuce keeps it up from then on). */
    boolean connected() {
        return connections.commands() != null;
    }

    RedisClusterAsyncCommands<String, String> async() {
        RedisClusterAsyncCommands<String, String> c = connections.commands();
        if (c == null) {
            throw new ClusterUnavailableException("not connected to Redis at " + uri + " yet", null);
        }
        return c;
    }

    /** Whether keys of one script must share a hash slot. */
    boolean clustered() {
        return connections.clustered();
    }

    /** Whether node channels are shard channels now (Redis 7 or later). */
    boolean sharded() {
        return sharded;
    }

    /**
     * Subscribes this node's channel and the broadcast channel, first asking the server's version: from Redis 7
     * the node channel is a shard channel (subscribed both ways, so a node that still publishes plainly is heard).
     * Blocks for up to the command timeout: call it on the heartbeat thread.
     */
    CompletableFuture<Void> subscribe(String nodeChannel, String broadcast) throws Exception {
        if (!connected()) {
            throw new ClusterUnavailableException("not connected to Redis at " + uri + " yet", null);
        }
        // waited for here, not chained: a cluster's shard subscription may connect, which must not run on a Lettuce thread
        int version = majorVersion(async().info("server").get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        boolean shardedNow = version >= 7;
        if (shardedNow != sharded) {
            log.info("Redis at {} is version {}: node channels use {}", uri, version,
                    shardedNow ? "sharded pub/sub (SPUBLISH/SSUBSCRIBE)" : "PUBLISH/SUBSCRIBE");
        }
        sharded = shardedNow;
        return connections.subscribe(nodeChannel, broadcast, shardedNow);
    }

    /** Publishes to one node's channel: SPUBLISH on Redis 7 or later, else PUBLISH. */
    CompletableFuture<Long> publishToNode(String nodeChannel, String payload) {
        RedisClusterAsyncCommands<String, String> r = async();
        return (sharded ? r.spublish(nodeChannel, payload) : r.publish(nodeChannel, payload)).toCompletableFuture();
    }

    /**
     * Runs a script that treats each key alike and returns one reply per key, in key order. In a Redis Cluster a
     * script may only touch keys of one hash slot, so the keys are grouped by slot and the script runs once per
     * group, all sent at once (still one round-trip time); on one server it runs once.
     */
    CompletableFuture<List<Object>> evalEach(String script, String[] keys) {
        RedisClusterAsyncCommands<String, String> r = async();
        if (!clustered()) {
            return r.<List<Object>>eval(script, ScriptOutputType.MULTI, keys).toCompletableFuture();
        }
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            bySlot.computeIfAbsent(SlotHash.getSlot(keys[i]), s -> new ArrayList<>()).add(i);
        }
        Object[] out = new Object[keys.length];
        List<CompletableFuture<?>> all = new ArrayList<>(bySlot.size());
        for (List<Integer> group : bySlot.values()) {
            String[] groupKeys = group.stream().map(i -> keys[i]).toArray(String[]::new);
            all.add(r.<List<Object>>eval(script, ScriptOutputType.MULTI, groupKeys).toCompletableFuture()
                    .thenAccept(replies -> {
                        for (int k = 0; k < group.size(); k++) {
                            out[group.get(k)] = replies.get(k);
                        }
                    }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> Arrays.asList(out));
    }

    static int majorVersion(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                String v = line.substring("redis_version:".length()).trim();
                int dot = v.indexOf('.');
                try {
                    return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    @Override
    public void close() {
        closed = true;
        connections.close();
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
