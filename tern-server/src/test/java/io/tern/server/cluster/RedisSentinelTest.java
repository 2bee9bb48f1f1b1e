package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.Frames;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisSentinel;
import redis.embedded.RedisServer;

/**
 * Nodes on Redis behind Sentinel (a primary, a replica, a sentinel, all real processes): they find the primary
 * through the sentinel, and when the primary dies and the sentinel promotes the replica, they follow it and
 * messages cross nodes again; also while clients on both nodes send continuously, without losing, repeating or
 * reordering an acknowledged message.
 */
class RedisSentinelTest {
    private ClusterStack stack;
    private RedisServer primary;
    private RedisServer replica;
    private int replicaPort;
    private int sentinelPort;
    private RedisSentinel sentinel;
    private final List<TestServer> nodes = new ArrayList<>();
    private final List<WsTestClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        clients.forEach(WsTestClient::close);
        nodes.forEach(TestServer::close);
        if (sentinel != null) {
            sentinel.stop();
        }
        if (replica != null) {
            replica.stop();
        }
        if (primary != null && primary.isActive()) {
            primary.stop();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void nodesFindThePrimaryThroughTheSentinel_andFollowItWhenTheReplicaIsPromoted() throws IOException {
        startSentinelAndNodes(Map.of());
        TestUser alice = nodes.get(0).user("alice");
        TestUser bob = nodes.get(1).user("bob");
        WsTestClient a = online(0, alice);
        WsTestClient b = online(1, bob);
        assertThat(crossNodes(a, b, bob, "before")).isEqualTo("before");

        primary.stop(); // the sentinel sees it down after 1 s and promotes the replica
        // both nodes reconnect to the promoted replica (asking the sentinel) and recover: messages cross again
        int[] attempt = {0};
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
            String body = "after" + ++attempt[0];
            assertThat(crossNodes(a, b, bob, body)).isEqualTo(body);
        });
        assertThat(nodes.get(0).http().get("/api/nodes", ClusterStack.OPS_TOKEN).body().get("nodes")).hasSize(2);
    }

    @Test
    void primaryStoppedUnderTraffic_everyAcknowledgedMessageDeliveredOnceInOrder() throws Exception {
        startSentinelAndNodes(TestServer.NO_LIMITS);
        try (CrossNodeTraffic traffic = CrossNodeTraffic.start(nodes, 4, "t")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.pushedTo(0) >= 20 && traffic.pushedTo(1) >= 20);
            long stoppedAt = System.nanoTime();
            primary.stop(); // the sentinel sees it down after 1 s and promotes the replica
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(this::replicaPromoted);
            long promotedAt = System.nanoTime();
            long toNode1 = traffic.pushedTo(1);
            long toNode0 = traffic.pushedTo(0);
            await().atMost(Duration.ofSeconds(90)) // pushes cross both ways again, through the promoted replica
                    .until(() -> traffic.pushedTo(1) >= toNode1 + 50 && traffic.pushedTo(0) >= toNode0 + 50);
            traffic.stopAndDrain(Duration.ofSeconds(60));
            traffic.assertEveryAcknowledgedMessageDeliveredOnceInOrder();
            org.slf4j.LoggerFactory.getLogger(RedisSentinelTest.class).info("Sentinel primary stopped under traffic: "
                            + "the sentinel named the replica primary after {} ms; longest silence in pushes to node 1 {}, to node 0 {}; {} messages acknowledged, all "
                            + "delivered once in order, {} by push", (promotedAt - stoppedAt) / 1_000_000,
                    traffic.describePushSilence(stoppedAt, 1),
                    traffic.describePushSilence(stoppedAt, 0), traffic.acknowledged(),
                    traffic.deliveredByPush());
        }
    }

    /** Whether the sentinel names the replica as the primary now: from then on clients can find it. */
    private boolean replicaPromoted() {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", sentinelPort));
        try (StatefulRedisSentinelConnection<String, String> c = client.connectSentinel()) {
            return c.sync().getMasterAddrByName("tern") instanceof java.net.InetSocketAddress a && a.getPort() == replicaPort;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ZERO);
        }
    }

    private void startSentinelAndNodes(Map<String, String> extra) throws IOException {
        stack = ClusterStack.start();
        int primaryPort = freePort();
        sentinelPort = freePort();
        primary = RedisServer.newRedisServer().port(primaryPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        primary.start();
        replicaPort = freePort();
        replica = RedisServer.newRedisServer().port(replicaPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").setting("replicaof 127.0.0.1 " + primaryPort).build();
        replica.start();
        sentinel = RedisSentinel.newRedisSentinel().port(sentinelPort).bind("127.0.0.1").masterName("tern")
                .masterPort(primaryPort).quorumSize(1).downAfterMilliseconds(1000).failOverTimeout(5000).build();
        sentinel.start();
        for (int i = 0; i < 2; i++) {
            Map<String, String> config = new HashMap<>(stack.node(i));
            config.putAll(extra);
            config.put("cluster.redisUri", "redis-sentinel://127.0.0.1:" + sentinelPort + "#tern");
            nodes.add(TestServer.start(config));
        }
    }

    private String crossNodes(WsTestClient from, WsTestClient to, TestUser toUser, String body) {
        from.send(Frames.chat(body, toUser.userId(), body));
        String msgId = from.next(ChatResp.class).msgId();
        ChatPush push = to.next(ChatPush.class, p -> p.msgId().equals(msgId));
        to.send(new Ack(null, push.conversationId(), push.seq(), null)); // or it is pushed again, then kicked
        return push.content().tree().get("body").asText();
    }

    private WsTestClient online(int node, TestUser user) {
        WsTestClient c = nodes.get(node).connect(user);
        clients.add(c);
        c.send(new Sync(Map.of(), "hello"));
        c.next(SyncResp.class);
        return c;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
