package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.server.support.ClusterNodes;
import io.tern.server.support.Frames;
import io.tern.server.support.Http;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** limits.messagesPerSecond and the failed-login back-off hold for the cluster, not once per node. */
class ClusterLimitsTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final ClusterNodes cluster = new ClusterNodes();

    @Test
    void messagesPerSecond_aUserWhoSpentTheBurstOnOneNode_isHeldBackOnAnother() {
        cluster.start(2, Map.of("limits.messagesPerSecond", "1", "limits.messageBurst", "60",
                "limits.messageSpendBatch", "5"));
        String name = "sender" + NAMES.incrementAndGet();
        TestUser phone = cluster.node(0).http().registerAndLogin(name, "phone");
        TestUser laptop = cluster.node(0).http().login(name, "laptop");
        TestUser bob = cluster.node(0).user("bob" + NAMES.incrementAndGet());
        WsTestClient onNode0 = cluster.connect(0, phone);
        WsTestClient onNode1 = cluster.connect(1, laptop);

        assertThat(sendEach(onNode0, bob, 60)).as("the burst passes on the first node").isEqualTo(60);
        int passedOnNode1 = sendEach(onNode1, bob, 30);
        // node 1's own bucket is full and would pass all 30; the cluster's is spent: node 1 lets through what the
        // refill gave meanwhile plus what it passes before its first spends come back (a batch or two)
        assertThat(passedOnNode1).isLessThanOrEqualTo(15);
    }

    @Test
    void messageSpends_costAboutOneScriptCallPerBatch() {
        cluster.start(1, Map.of("limits.messagesPerSecond", "1000", "limits.messageBurst", "1000",
                "limits.messageSpendBatch", "10"));
        TestUser alice = cluster.node(0).user("counted" + NAMES.incrementAndGet());
        TestUser bob = cluster.node(0).user("bob" + NAMES.incrementAndGet());
        WsTestClient a = cluster.connect(0, alice);
        a.send(Frames.chat("warm", bob.userId(), "route lookups cached"));
        a.next(ChatResp.class);
        RedisClient redisClient = RedisClient.create(cluster.stack().redisUri());
        try (StatefulRedisConnection<String, String> redis = redisClient.connect()) {
            long before = bucketWrites(redis);
            long started = System.nanoTime();
            assertThat(sendEach(a, bob, 200)).isEqualTo(200);
            long calls = bucketWrites(redis) - before;
            System.out.printf("spend script calls for 200 messages: %d in %d ms; %s%n", calls,
                    (System.nanoTime() - started) / 1_000_000, java.util.Arrays.stream(redis.sync()
                            .info("commandstats").split("\r?\n")).filter(l -> l.startsWith("cmdstat_eval:"))
                            .findFirst().orElse(""));
            // 200 messages in batches of 10 (a spend is also sent a second after the last one, whatever pends);
            // one a message would be 200
            assertThat(calls).as("spend script calls for 200 messages").isBetween(10L, 30L);
        } finally {
            redisClient.shutdown();
        }
    }

    @Test
    void failedLogins_onSeveralNodes_backOffTogether() {
        cluster.start(3, Map.of("limits.loginFailuresBeforeBackoff", "2", "limits.loginsPerMinute", "0"));
        String name = "guessed" + NAMES.incrementAndGet();
        cluster.node(0).http().post("/api/register", "{\"username\":\"" + name + "\",\"password\":\"password-1\"}", null);
        String wrong = "{\"username\":\"" + name + "\",\"password\":\"wrong-guess\"}";
        String right = "{\"username\":\"" + name + "\",\"password\":\"password-1\"}";
        assertThat(cluster.node(0).http().post("/api/login", wrong, null).status()).isEqualTo(401);
        assertThat(cluster.node(0).http().post("/api/login", wrong, null).status()).isEqualTo(401);
        assertThat(cluster.node(1).http().post("/api/login", wrong, null).status()).isEqualTo(401);
        // node 2 has seen no failure; the cluster has seen three, one over the two free ones
        Http.Response held = cluster.node(2).http().post("/api/login", right, null);
        assertThat(held.status()).isEqualTo(429);
        assertThat(held.body().at("/error/code").asText()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void failedLogins_withoutRedis_backOffPerNode() throws Exception {
        cluster.start(2, Map.of("limits.loginFailuresBeforeBackoff", "2", "limits.loginsPerMinute", "0"));
        String name = "offline" + NAMES.incrementAndGet();
        cluster.node(0).http().post("/api/register", "{\"username\":\"" + name + "\",\"password\":\"password-1\"}", null);
        String wrong = "{\"username\":\"" + name + "\",\"password\":\"wrong-guess\"}";
        String right = "{\"username\":\"" + name + "\",\"password\":\"password-1\"}";
        cluster.stack().stopRedis();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(cluster.node(0).http().post("/api/login", wrong, null).status()).isEqualTo(401);
            }
            assertThat(cluster.node(0).http().post("/api/login", right, null).status()).as("node 0 counted its own")
                    .isEqualTo(429);
            assertThat(cluster.node(1).http().post("/api/login", right, null).status()).as("node 1 saw none")
                    .isEqualTo(200);
        } finally {
            cluster.stack().startRedis();
        }
    }

    /** Sends {@code count} messages one after the other; answers how many were accepted (the rest: RATE_LIMITED). */
    private static int sendEach(WsTestClient c, TestUser to, int count) {
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            String id = "m" + NAMES.incrementAndGet();
            c.send(Frames.chat(id, to.userId(), "n" + i));
            Frame f = c.next(Frame.class, x -> x instanceof ChatResp r && id.equals(r.clientMsgId())
                    || x instanceof ErrorFrame e && id.equals(e.clientMsgId()));
            if (f instanceof ChatResp) {
                accepted++;
            } else {
                assertThat(((ErrorFrame) f).error()).isEqualTo("RATE_LIMITED");
            }
        }
        return accepted;
    }

    /** Runs of the bucket scripts: they alone ask Redis for its clock (TIME), once a run. */
    private static long bucketWrites(StatefulRedisConnection<String, String> redis) {
        for (String line : redis.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_time:")) {
                return Long.parseLong(line.replaceAll("^cmdstat_time:calls=(\\d+),.*", "$1"));
            }
        }
        return 0;
    }


}
