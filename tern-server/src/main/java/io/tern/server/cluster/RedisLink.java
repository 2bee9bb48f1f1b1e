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
import io.tern.server.startup.StartWait;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import reactor.core.Disposable;

/**
 * The node's two connections to Redis: one for commands and publishing, one subscribed to this node's
 * channel and the broadcast channel. Commands fail fast while Redis is away (none are queued to be replayed
 * late), every command has a timeout, and Lettuce reconnects by itself with a short capped backoff; each
 * lost connection is reported to {@link ClusterHealth}. A node that cannot reach Redis when it starts waits
 * for it up to {@code cluster.startWait}, then starts without it and keeps connecting in the background:
 * until then every command fails at once, as during an outage.
 */
final class RedisLink implements AutoCloseable {
    /** Longest wait for any one Redis command. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RedisLink.class);

    private final String uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final BiConsumer<String, String> onMessage;
    private final Disposable events;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean closed;

    private RedisLink(String uri, ClusterHealth health, BiConsumer<String, String> onMessage) {
        this.uri = uri;
        this.onMessage = onMessage;
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(COMMAND_TIMEOUT);
        this.client = RedisClient.create(resources, redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).keepAlive(true).build())
                // RESP2 works with every Redis still in use; pub/sub has its own connection anyway.
                .protocolVersion(ProtocolVersion.RESP2)
                .build());
        this.events = resources.eventBus().get()
                .filter(e -> e instanceof ConnectionDeactivatedEvent)
                .subscribe(e -> health.disconnected());
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
        StatefulRedisConnection<String, String> c = null;
        try {
            c = client.connect();
            StatefulRedisPubSubConnection<String, String> p = client.connectPubSub();
            p.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
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

    /** Whether the link was ever established (Lettuce keeps it up from then on). */
    boolean connected() {
        return commands != null;
    }

    RedisAsyncCommands<String, String> async() {
        StatefulRedisConnection<String, String> c = commands;
        if (c == null) {
            throw new ClusterUnavailableException("not connected to Redis at " + uri + " yet", null);
        }
        return c.async();
    }

    StatefulRedisPubSubConnection<String, String> pubsub() {
        StatefulRedisPubSubConnection<String, String> p = pubsub;
        if (p == null) {
            throw new ClusterUnavailableException("not connected to Redis at " + uri + " yet", null);
        }
        return p;
    }

    @Override
    public void close() {
        closed = true;
        events.dispose();
        if (pubsub != null) {
            pubsub.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
