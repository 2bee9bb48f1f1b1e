package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.Kick;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.Http;
import io.tern.server.support.MainRunner;
import io.tern.server.support.Scrape;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operators' drain and rebalance endpoints, the figures of GET /api/nodes, and their errors. */
class NodeOpsTest {
    private static ClusterStack stack;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final List<TestServer> nodes = new ArrayList<>();
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        stack = ClusterStack.start();
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @AfterEach
    void stopNodes() {
        clients.forEach(WsTestClient::close);
        nodes.forEach(TestServer::close);
    }

    @Test
    void drainOrderedThroughAnotherNode_kicksTheClientsWithMoved_keepsLoginsAway_andResumeEndsIt() throws Exception {
        startNodes(2);
        Http ops = nodes.get(0).http();
        List<WsTestClient> onNode1 = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestUser u = nodes.get(1).user("moved" + NAMES.incrementAndGet());
            onNode1.add(connect(1, u));
        }
        assertThat(ops.post("/api/nodes/1/drain", "{\"rate\":50}", ClusterStack.OPS_TOKEN).status()).isEqualTo(200);
        for (WsTestClient c : onNode1) {
            assertThat(c.next(Kick.class).reason()).isEqualTo(Kick.MOVED);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode n1 = node(ops, 1);
            assertThat(n1.get("draining").asBoolean()).isTrue();
            assertThat(n1.get("sessions").asLong()).isZero();
        });
        // a login through the draining node itself goes to the other one
        String name = "late" + NAMES.incrementAndGet();
        nodes.get(1).http().post("/api/register", "{\"username\":\"" + name + "\",\"password\":\"password-1\"}", null);
        for (int i = 0; i < 5; i++) {
            assertThat(login(nodes.get(1).http(), name, "")).isEqualTo(nodes.get(0).wsUrl());
        }
        TestUser late = nodes.get(0).http().login(name, null);
        assertThat(WsTestClient.handshakeStatus(nodes.get(1).wsUrl() + "?token=" + late.token(), null))
                .as("the draining node takes no new connections").isEqualTo(503);
        assertThat(WsTestClient.handshakeStatus(nodes.get(0).wsUrl() + "?token=" + late.token(), null)).isEqualTo(-1);
        assertThat(metric(nodes.get(1), "tern_cluster_draining")).isEqualTo(1);
        assertThat(metric(nodes.get(1), "tern_cluster_clients_moved_total")).isEqualTo(3);
        assertThat(ops.post("/api/nodes/0/drain", "{}", ClusterStack.OPS_TOKEN).body().at("/error/code").asText())
                .as("node 0 is the last node taking logins").isEqualTo("NO_NODE_TO_MOVE_TO");

        assertThat(ops.delete("/api/nodes/1/drain", ClusterStack.OPS_TOKEN).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !node(ops, 1).get("draining").asBoolean());
        assertThat(metric(nodes.get(1), "tern_cluster_draining")).isZero();
    }

    @Test
    void rebalance_asksTheBusiestNodeToMoveItsExcess_andNodesShowTheirFigures() {
        startNodes(1);
        List<WsTestClient> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(connect(0, nodes.get(0).user("busy" + NAMES.incrementAndGet())));
        }
        nodes.add(TestServer.start(stack.node(1))); // a new, empty node
        Http ops = nodes.get(1).http();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(node(ops, 0).get("connections").asLong()).isEqualTo(6);
            assertThat(node(ops, 1)).isNotNull();
        });
        JsonNode n0 = node(ops, 0);
        assertThat(n0.get("sessions").asLong()).isEqualTo(6);
        assertThat(n0.get("heartbeatAgeMillis").asLong()).isBetween(0L, 3000L);
        assertThat(n0.has("messagesPerSecond")).isTrue();
        assertThat(n0.get("draining").asBoolean()).isFalse();

        JsonNode moves = ops.post("/api/nodes/rebalance", "{\"share\":1}", ClusterStack.OPS_TOKEN).body().get("moves");
        assertThat(moves).hasSize(1);
        assertThat(moves.get(0).get("nodeId").asInt()).isZero();
        assertThat(moves.get(0).get("clients").asLong()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(all.stream().filter(WsTestClient::isClosed).count()).as("moved off").isEqualTo(3);
            assertThat(nodes.get(0).server().sessionCount()).isEqualTo(3);
        });
        assertThat(all.stream().filter(WsTestClient::isClosed).map(c -> c.next(Kick.class).reason()))
                .containsOnly(Kick.MOVED);
    }

    @Test
    void anOrderLeftForAnEarlierRunOfTheNode_isIgnoredByTheNextOne() {
        io.lettuce.core.RedisClient redis = io.lettuce.core.RedisClient.create(stack.redisUri());
        try (var connection = redis.connect()) {
            connection.sync().rpush(RedisNodeOrders.key(1), "drain 5"); // node 1 was killed before it took this
            startNodes(2);
            Http ops = nodes.get(0).http();
            long beats = 4; // cluster.heartbeat is 500 ms in the stack: any order would be taken by now
            await().atMost(Duration.ofSeconds(10)).until(() -> node(ops, 1) != null && node(ops, 1).get("seenAt")
                    .asLong() > 0 && metric0(nodes.get(1), "tern_cluster_nodes_live") == 2);
            for (long i = 0; i < beats; i++) {
                long seen = node(ops, 1).get("seenAt").asLong();
                await().atMost(Duration.ofSeconds(10)).until(() -> node(ops, 1).get("seenAt").asLong() > seen);
            }
            assertThat(node(ops, 1).get("draining").asBoolean()).isFalse();
            assertThat(connection.sync().exists(RedisNodeOrders.key(1))).isZero();
        } finally {
            redis.shutdown();
        }
    }

    private static double metric0(TestServer node, String name) {
        try {
            return metric(node, name);
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void badOrders_getClearErrors() {
        startNodes(2);
        Http ops = nodes.get(0).http();
        assertThat(ops.post("/api/nodes/1/drain", "{}", null).status()).isEqualTo(401);
        assertThat(ops.post("/api/nodes/1/drain", "{}", "wrong").status()).isEqualTo(401);
        assertThat(error(ops.post("/api/nodes/7/drain", "{}", ClusterStack.OPS_TOKEN))).isEqualTo("NO_SUCH_NODE");
        assertThat(error(ops.post("/api/nodes/1/drain", "{\"rate\":0}", ClusterStack.OPS_TOKEN)))
                .isEqualTo("INVALID_FIELD");
        assertThat(error(ops.post("/api/nodes/1/drain", "{\"rate\":\"fast\"}", ClusterStack.OPS_TOKEN)))
                .isEqualTo("INVALID_FIELD");
        assertThat(error(ops.post("/api/nodes/rebalance", "{\"share\":1.5}", ClusterStack.OPS_TOKEN)))
                .isEqualTo("INVALID_FIELD");
        assertThat(error(ops.delete("/api/nodes/9/drain", ClusterStack.OPS_TOKEN))).isEqualTo("NO_SUCH_NODE");

        TestServer single = TestServer.start(Map.of("cluster.opsToken", ClusterStack.OPS_TOKEN));
        nodes.add(single);
        Http.Response refused = single.http().post("/api/nodes/0/drain", "{}", ClusterStack.OPS_TOKEN);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(error(refused)).isEqualTo("NOT_IN_CLUSTER");
        assertThat(error(single.http().post("/api/nodes/rebalance", "{}", ClusterStack.OPS_TOKEN)))
                .isEqualTo("NOT_IN_CLUSTER");
    }

    @Test
    void theAdminCommands_callTheSameEndpoints() {
        startNodes(2);
        String url = "http://127.0.0.1:" + nodes.get(0).port();
        MainRunner.Outcome listed = MainRunner.run("", "admin", "--url", url, "--token", ClusterStack.OPS_TOKEN, "nodes");
        assertThat(listed.status()).isZero();
        assertThat(listed.out()).contains("\"heartbeatAgeMillis\"", "\"draining\" : false");

        MainRunner.Outcome drained = MainRunner.run("", "admin", "--url", url, "--token", ClusterStack.OPS_TOKEN,
                "drain", "1", "--rate", "5");
        assertThat(drained.status()).as(drained.err()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> node(nodes.get(0).http(), 1).get("draining").asBoolean());
        assertThat(MainRunner.run("", "admin", "--url", url, "--token", ClusterStack.OPS_TOKEN, "resume", "1").status())
                .isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !node(nodes.get(0).http(), 1).get("draining").asBoolean());
        MainRunner.Outcome rebalanced = MainRunner.run("", "admin", "--url", url, "--token", ClusterStack.OPS_TOKEN,
                "rebalance", "--share", "0.5");
        assertThat(rebalanced.out()).contains("\"moves\"");

        MainRunner.Outcome local = MainRunner.run("", "admin", "--data-dir", "/nonexistent", "drain", "1");
        assertThat(local.status()).isNotZero();
        assertThat(local.err()).contains("cluster commands need --url");
        MainRunner.Outcome wrongToken = MainRunner.run("", "admin", "--url", url, "--token", "nope", "drain", "1");
        assertThat(wrongToken.status()).isNotZero();
        assertThat(wrongToken.err()).contains("401");
    }

    private void startNodes(int n) {
        for (int i = 0; i < n; i++) {
            nodes.add(TestServer.start(stack.node(i)));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(nodes.get(0).http().get("/api/nodes", ClusterStack.OPS_TOKEN).body().get("nodes")).hasSize(n));
    }

    private WsTestClient connect(int node, TestUser user) {
        WsTestClient c = nodes.get(node).connect(user);
        clients.add(c);
        return c;
    }

    private static JsonNode node(Http http, int id) {
        for (JsonNode n : http.get("/api/nodes", ClusterStack.OPS_TOKEN).body().get("nodes")) {
            if (n.get("nodeId").asInt() == id) {
                return n;
            }
        }
        return null;
    }

    private static String error(Http.Response r) {
        return r.body().at("/error/code").asText();
    }

    static String login(Http http, String name, String avoid) {
        return http.post("/api/login", "{\"username\":\"" + name + "\",\"password\":\"password-1\"" + avoid + "}", null)
                .body().get("wsUrl").asText();
    }

    private static double metric(TestServer node, String name) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/metrics"))
                .header("Authorization", "Bearer " + ClusterStack.OPS_TOKEN).build();
        return Scrape.value(HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofString()).body(), name);
    }
}
