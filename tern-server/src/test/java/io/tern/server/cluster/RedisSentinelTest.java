package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * messages cross nodes again.
 */
class RedisSentinelTest {
    private ClusterStack stack;
    private RedisServer primary;
    private RedisServer replica;
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
        stack = ClusterStack.start();
        int primaryPort = freePort();
        int sentinelPort = freePort();
        primary = RedisServer.newRedisServer().port(primaryPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        primary.start();
        replica = RedisServer.newRedisServer().port(freePort()).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").setting("replicaof 127.0.0.1 " + primaryPort).build();
        replica.start();
        sentinel = RedisSentinel.newRedisSentinel().port(sentinelPort).bind("127.0.0.1").masterName("tern")
                .masterPort(primaryPort).quorumSize(1).downAfterMilliseconds(1000).failOverTimeout(5000).build();
        sentinel.start();
        for (int i = 0; i < 2; i++) {
            Map<String, String> config = new HashMap<>(stack.node(i));
            config.put("cluster.redisUri", "redis-sentinel://127.0.0.1:" + sentinelPort + "#tern");
            nodes.add(TestServer.start(config));
        }
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
