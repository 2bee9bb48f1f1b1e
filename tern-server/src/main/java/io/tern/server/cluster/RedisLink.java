package io.tern.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import reactor.core.Disposable;

/**
 * The node's two connections to Redis: one for commands and publishing, one subscribed to this node's
 * channel and the broadcast channel. Commands fail fast while Redis is away (none are queued to be replayed
 * late), every command has a timeout, and Lettuce reconnects by itself with a short capped backoff; each
 * lost connection is reported to {@link ClusterHealth}.
 */
final class RedisLink implements AutoCloseable {
    /** Longest wait for any one Redis command. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How long a starting node keeps trying to reach Redis: it may be restarting, or the machine so busy that
     * a handshake takes longer than {@link #COMMAND_TIMEOUT}. A node waits for its engines instead of exiting.
     */
    static final Duration START_WAIT = Duration.ofMinutes(2);
    /** Pause between two attempts at start, so a refused connection is not retried in a busy loop. */
    private static final long START_RETRY_MILLIS = 500;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RedisLink.class);

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final Disposable events;

    private RedisLink(ClientResources resources, RedisClient client, StatefulRedisConnection<String, String> commands,
                      StatefulRedisPubSubConnection<String, String> pubsub, Disposable events) {
        this.resources = resources;
        this.client = client;
        this.commands = commands;
        this.pubsub = pubsub;
        this.events = events;
    }

    /**
     * Connects, trying again for up to {@link #START_WAIT} while Redis cannot be reached (a node does not start
     * without its cluster, but it waits for it). {@code onMessage} gets (channel, payload) of every message on
     * the subscribed channels, on a Lettuce thread.
     */
    static RedisLink connect(String uri, ClusterHealth health, BiConsumer<String, String> onMessage) {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return connectOnce(uri, health, onMessage);
            } catch (IllegalStateException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                log.warn("Redis at {} not reachable yet (attempt {}: {}); waiting for it", uri, attempt,
                        e.getMessage());
                try {
                    Thread.sleep(START_RETRY_MILLIS); // start-up on the main thread: nothing else to do meanwhile
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static RedisLink connectOnce(String uri, ClusterHealth health, BiConsumer<String, String> onMessage) {
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(resources, redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).keepAlive(true).build())
                // RESP2 works with every Redis still in use; pub/sub has its own connection anyway.
                .protocolVersion(ProtocolVersion.RESP2)
                .build());
        Disposable events = resources.eventBus().get()
                .filter(e -> e instanceof ConnectionDeactivatedEvent)
                .subscribe(e -> health.disconnected());
        try {
            StatefulRedisConnection<String, String> commands = client.connect();
            StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub();
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    onMessage.accept(channel, message);
                }
            });
            return new RedisLink(resources, client, commands, pubsub, events);
        } catch (RuntimeException e) {
            events.dispose();
            client.shutdown();
            resources.shutdown();
            throw new IllegalStateException("cannot connect to Redis at " + uri + ": " + e.getMessage(), e);
        }
    }

    RedisAsyncCommands<String, String> async() {
        return commands.async();
    }

    StatefulRedisPubSubConnection<String, String> pubsub() {
        return pubsub;
    }

    @Override
    public void close() {
        events.dispose();
        pubsub.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
