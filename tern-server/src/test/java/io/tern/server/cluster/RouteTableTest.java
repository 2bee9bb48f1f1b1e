package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tern.server.core.account.Principal;
import io.tern.server.core.account.Tokens;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.support.EmbeddedRedis;
import io.tern.server.support.FakeTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A device's route in Redis when the device disconnects and connects again to the same node: the old session's
 * close and the new session's open run on two event loops, and their Redis commands may go out in either order.
 * The interleavings are forced by running the two steps of a close separately around the open.
 */
class RouteTableTest {
    private static EmbeddedRedis server;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> redis;
    private static ScheduledExecutorService timer;
    private static RedisLink link;
    private static RouteTable routes;
    private static long nextUser = 1;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedRedis.start();
        String uri = server.uri();
        client = RedisClient.create(uri);
        redis = client.connect();
        timer = Executors.newSingleThreadScheduledExecutor();
        ClusterHealth health = new ClusterHealth();
        link = RedisLink.open(uri, Duration.ofSeconds(10), health, (channel, message) -> { }, timer);
        routes = new RouteTable(link, health, 7, Duration.ofSeconds(30),
                new RouteCache(100, Duration.ofSeconds(30), new FakeTicker()));
    }

    @AfterAll
    static void stop() throws IOException {
        link.close();
        redis.close();
        client.shutdown();
        timer.shutdownNow();
        server.close();
    }

    @Test
    void oldSessionsRemovalArrivingAfterTheNewSessionsRoute_leavesTheNewRoute() throws Exception {
        long user = nextUser++;
        DeviceSession old = session(100, user);
        routes.online(old).get(5, TimeUnit.SECONDS);

        assertThat(routes.forget(old)).isTrue(); // the close, on one event loop, decided to remove the route
        routes.online(session(101, user)).get(5, TimeUnit.SECONDS); // the reconnect, on another, wrote its own
        routes.removeRoute(user, "phone", old.id()); // then the close's removal reached Redis

        flush();
        assertThat(redis.sync().hgetall(Keys.route(user))).as("the device is online: its route must stay")
                .containsExactly(Map.entry("phone", "7/101"));
    }

    @Test
    void lateCloseOfAReplacedSession_doesNothing_andTheCurrentSessionsCloseRemovesTheRoute() throws Exception {
        long user = nextUser++;
        DeviceSession old = session(200, user);
        DeviceSession current = session(201, user);
        routes.online(old).get(5, TimeUnit.SECONDS);
        routes.online(current).get(5, TimeUnit.SECONDS);

        routes.offline(old);
        flush();
        assertThat(redis.sync().hgetall(Keys.route(user))).containsExactly(Map.entry("phone", "7/201"));

        routes.offline(current);
        flush();
        assertThat(redis.sync().exists(Keys.route(user))).isZero();
    }

    @Test
    void routesWrittenByOlderNodes_withoutASessionId_areReadAsTheirNode() throws Exception {
        long user = nextUser++;
        redis.sync().hset(Keys.route(user), Map.of("phone", "3", "laptop", "4/17", "tablet", "7/5"));
        Map<String, java.util.List<Long>> byNode = routes.remoteNodesOf(new long[] {user}).get(5, TimeUnit.SECONDS);
        assertThat(byNode).containsOnlyKeys("3", "4");
    }

    @Test
    void refreshAll_announcesARouteRedisNoLongerHad_andNotOneItStillHas() throws Exception {
        long kept = nextUser++;
        long lost = nextUser++;
        routes.online(session(300, kept)).get(5, TimeUnit.SECONDS);
        routes.online(session(301, lost)).get(5, TimeUnit.SECONDS);
        java.util.concurrent.BlockingQueue<ClusterMessage> broadcast = new java.util.concurrent.LinkedBlockingQueue<>();
        var subscriber = client.connectPubSub();
        subscriber.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                broadcast.add(ClusterMessage.decode(message));
            }
        });
        try {
            subscriber.sync().subscribe(Keys.BROADCAST);
            redis.sync().del(Keys.route(lost)); // expired while this node's heartbeat was held up

            routes.refreshAll(true).get(5, TimeUnit.SECONDS);
            link.async().publish(Keys.BROADCAST, ClusterMessage.syncAll().encode()).get(5, TimeUnit.SECONDS); // a marker

            java.util.List<ClusterMessage> seen = new java.util.ArrayList<>();
            ClusterMessage m;
            while ((m = broadcast.poll(5, TimeUnit.SECONDS)) != null && m.kind() != ClusterMessage.SYNC_ALL) {
                seen.add(m);
            }
            assertThat(m).as("the marker arrived").isNotNull();
            assertThat(seen).extracting(ClusterMessage::kind).containsOnly(ClusterMessage.ROUTE_CHANGED);
            assertThat(seen).extracting(x -> x.ids()[0]).containsExactly(lost);
            assertThat(redis.sync().hgetall(Keys.route(lost))).containsExactly(Map.entry("phone", "7/301"));
        } finally {
            subscriber.close();
        }
    }

    /** Waits until every command sent before on the node's connection has run: Redis answers them in order. */
    private static void flush() throws Exception {
        link.async().ping().get(5, TimeUnit.SECONDS);
    }

    private static DeviceSession session(long id, long user) {
        return new DeviceSession(id, new Principal(user, "phone", Tokens.hash("t")), null, null);
    }
}
