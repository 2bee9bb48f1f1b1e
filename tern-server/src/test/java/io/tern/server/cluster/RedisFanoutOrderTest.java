package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.tern.server.core.message.Message;
import io.tern.server.support.EmbeddedRedis;
import io.tern.server.support.FakeTicker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node publishes a conversation's pushes in the order they were committed, even when a later one's routes are
 * cached and an earlier one's must still be read from Redis (the first messages of a new group, on a node that
 * has just started): the receiving node would drop the earlier push if the later one started the conversation
 * there. Real Redis; node 8 publishes, node 7's channel is watched.
 */
class RedisFanoutOrderTest {
    private EmbeddedRedis server;
    private RedisClient client;
    private StatefulRedisPubSubConnection<String, String> subscriber;
    private ScheduledExecutorService timer;
    private RedisLink link;
    private RouteTable routes;
    private RedisFanout fanout;
    private final BlockingQueue<String> node7 = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        server = EmbeddedRedis.start();
        String uri = server.uri();
        client = RedisClient.create(uri);
        subscriber = client.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                node7.add(ClusterMessage.decode(message).frame());
            }
        });
        subscriber.sync().subscribe(Keys.channel(7));
        timer = Executors.newSingleThreadScheduledExecutor();
        ClusterHealth health = new ClusterHealth();
        link = RedisLink.open(uri, Duration.ofSeconds(10), health, (channel, message) -> { }, timer);
        routes = new RouteTable(link, health, 8, Duration.ofSeconds(30),
                new RouteCache(100, Duration.ofSeconds(30), new FakeTicker()));
        fanout = new RedisFanout(link, routes, health);
    }

    @AfterEach
    void stop() throws IOException {
        link.close();
        subscriber.close();
        client.shutdown();
        timer.shutdownNow();
        server.close();
    }

    @Test
    void laterPushWithCachedRoutes_isPublishedAfterTheEarlierOneWhoseRoutesAreStillBeingRead() throws Exception {
        var commands = client.connect();
        try {
            for (long member = 1; member <= 40; member++) {
                commands.sync().hset(Keys.route(member), Map.of("phone", "7/" + member));
            }
        } finally {
            commands.close();
        }
        long[] cached = {40};
        routes.remoteNodesOf(cached).get(5, TimeUnit.SECONDS); // only member 40's routes are in the cache now

        List<String> sent = new ArrayList<>();
        for (int seq = 1; seq <= 39; seq++) {
            // each earlier push has a member whose routes are not cached; every later one's are
            sent.add(push(seq, new long[] {seq}));
            sent.add(push(100 + seq, cached));
        }

        List<String> received = new ArrayList<>();
        while (received.size() < sent.size()) {
            String frame = node7.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("publish %d of %d arrived", received.size() + 1, sent.size()).isNotNull();
            received.add(frame);
        }
        assertThat(received).containsExactlyElementsOf(sent);
    }

    private String push(long seq, long[] users) {
        String frame = "{\"type\":80,\"seq\":" + seq + "}";
        fanout.push(new Message("m" + seq, "g:1", seq, 99, null, 0, "c" + seq, "{}", null),
                frame.getBytes(StandardCharsets.UTF_8), users);
        return frame;
    }
}
