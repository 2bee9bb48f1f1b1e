package io.tern.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import reactor.core.Disposable;

/**
 * One Redis server, reached directly ({@code redis://}, {@code rediss://}) or through Sentinel
 * ({@code redis-sentinel://}, which Lettuce asks for the primary at every reconnect): a command connection and
 * a pub/sub connection. Any lost connection counts as an outage, as the server may have restarted empty.
 */
final class RedisServerConnections implements RedisConnections {
    private final String uri;
    private final RedisClient client;
    private final BiConsumer<String, String> onMessage;
    private final Disposable events;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;

    RedisServerConnections(String uri, ClientResources resources, ClientOptions options, Duration timeout,
                           ClusterHealth health, BiConsumer<String, String> onMessage) {
        this.uri = uri;
        this.onMessage = onMessage;
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(timeout);
        this.client = RedisClient.create(resources, redisUri);
        client.setOptions(options);
        this.events = resources.eventBus().get().subscribe(e -> {
            if (e instanceof ConnectionDeactivatedEvent) {
                health.disconnected();
            } else if (e instanceof ConnectionActivatedEvent) {
                health.reachable(); // recover at once, not at the next heartbeat
            }
        });
    }

    @Override
    public void connect() {
        StatefulRedisConnection<String, String> c = null;
        try {
            c = client.connect();
            StatefulRedisPubSubConnection<String, String> p = client.connectPubSub();
            p.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    onMessage.accept(channel, message);
                }

                @Override
                public void smessage(String channel, String message) {
                    onMessage.accept(channel, message);
                }
            });
            pubsub = p;
            commands = c;
        } catch (RuntimeException e) {
            if (c != null) {
                c.close();
            }
            throw new IllegalStateException("cannot connect to Redis at " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RedisClusterAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = commands;
        return c == null ? null : c.async();
    }

    @Override
    public CompletableFuture<Void> subscribe(String nodeChannel, String broadcast, boolean sharded) {
        CompletableFuture<Void> plain = pubsub.async().subscribe(nodeChannel, broadcast).toCompletableFuture();
        if (!sharded) {
            return plain;
        }
        // both: a node that still publishes with PUBLISH (it saw Redis 6 before an upgrade) reaches us too
        return CompletableFuture.allOf(plain, pubsub.async().ssubscribe(nodeChannel).toCompletableFuture());
    }

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public void close() {
        events.dispose();
        if (pubsub != null) {
            pubsub.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
