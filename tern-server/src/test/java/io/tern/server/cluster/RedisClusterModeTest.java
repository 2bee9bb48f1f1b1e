package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.Frames;
import io.tern.server.support.RedisClusterProcesses;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tern nodes on a Redis Cluster of real processes ({@code redis-cluster://} URI): routes, registry, presence,
 * rate-limit buckets and cross-node pushes all work although their keys are spread over three primaries; on
 * Redis 6.2 node channels use PUBLISH, on Redis 7 (Debian's redis-server; skipped without it) sharded pub/sub.
 */
class RedisClusterModeTest {
    private ClusterStack stack;
    private RedisClusterProcesses redis;
    private final List<TestServer> nodes = new ArrayList<>();
    private final List<WsTestClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(WsTestClient::close);
        nodes.forEach(TestServer::close);
        if (redis != null) {
            redis.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void threeNodesChat_onARedis6Cluster_withPlainPubSub() {
        startNodes(RedisClusterProcesses.embeddedRedis6());
        chatAcrossThreeNodes();
        assertThat(commandCalls("spublish")).isZero();
        assertThat(commandCalls("publish")).isPositive();
    }

    @Test
    void threeNodesChat_onARedis7Cluster_withShardedPubSubOnEachNodeChannel() {
        File redis7 = RedisClusterProcesses.debianRedis7();
        assumeThat(redis7).as("Debian's redis-server 7 (apt-get install redis-server)").isNotNull();
        startNodes(redis7);
        chatAcrossThreeNodes();
        assertThat(commandCalls("spublish")).as("pushes between nodes go by SPUBLISH").isPositive();
        for (int node = 0; node < 3; node++) {
            String channel = Keys.channel(node);
            int owner = redis.primaryOwning(channel);
            List<String> subscribed = redis.call(owner, r -> r.pubsubShardChannels());
            assertThat(subscribed).as("shard-subscribed at its slot's primary")
                    .contains(channel);
        }
    }

    private void startNodes(File binary) {
        stack = ClusterStack.start(); // its PostgreSQL; its single Redis stays unused
        redis = RedisClusterProcesses.start(binary, 3, 0);
        for (int i = 0; i < 3; i++) {
            Map<String, String> config = new HashMap<>(stack.node(i));
            config.put("cluster.redisUri", redis.uri());
            nodes.add(TestServer.start(config));
        }
    }

    private void chatAcrossThreeNodes() {
        List<TestUser> users = new ArrayList<>();
        List<WsTestClient> devices = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // two users per node: their route keys fall into different slots
            TestUser u = nodes.get(i % 3).user("user" + i);
            users.add(u);
            devices.add(online(i % 3, u));
        }
        for (int i = 0; i < 3; i++) { // around the ring, each message crosses nodes
            int to = (i + 1) % 3;
            devices.get(i).send(Frames.chat("d" + i, users.get(to).userId(), "hello " + to));
            String msgId = devices.get(i).next(ChatResp.class).msgId();
            ChatPush p = devices.get(to).next(ChatPush.class, x -> x.msgId().equals(msgId));
            devices.get(to).send(new Ack(null, p.conversationId(), p.seq(), null));
        }
        String members = users.subList(1, 6).stream().map(u -> Long.toString(u.userId())).collect(Collectors.joining(","));
        long group = nodes.get(0).http().post("/api/groups", "{\"name\":\"spread\",\"memberIds\":[" + members + "]}",
                users.get(0).token()).body().get("groupId").asLong();
        devices.get(4).send(Frames.groupChat("g", group, "to five members on three nodes"));
        String msgId = devices.get(4).next(ChatResp.class).msgId();
        for (int i = 0; i < 6; i++) {
            if (i != 4) {
                devices.get(i).next(ChatPush.class, x -> x.msgId().equals(msgId)); // a route lookup over many slots
            }
        }
        // presence of users on all three nodes, asked through node 2 (one script per slot of their route keys)
        assertThat(nodes.get(2).http().get("/api/users/online", users.get(0).token()).body().findValuesAsText("username"))
                .containsExactlyInAnyOrderElementsOf(users.stream().map(TestUser::username).toList());
        assertThat(nodes.get(1).http().get("/api/nodes", ClusterStack.OPS_TOKEN).body().get("nodes")).hasSize(3);
        long buckets = redis.livePorts().stream().mapToLong(port -> redis.call(port, r -> r.keys("tern:rate:*")).size()).sum();
        assertThat(buckets).as("rate-limit buckets taken in the cluster, not per node").isPositive();
    }

    private long commandCalls(String command) {
        long calls = 0;
        for (int port : redis.livePorts()) {
            String stats = redis.call(port, r -> r.info("commandstats"));
            for (String line : stats.split("\\r?\\n")) {
                if (line.startsWith("cmdstat_" + command + ":calls=")) {
                    calls += Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
                }
            }
        }
        return calls;
    }

    private WsTestClient online(int node, TestUser user) {
        WsTestClient c = nodes.get(node).connect(user);
        clients.add(c);
        c.send(new Sync(Map.of(), "hello"));
        c.next(SyncResp.class);
        return c;
    }
}
