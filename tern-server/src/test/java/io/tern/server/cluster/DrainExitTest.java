package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.Kick;
import io.tern.server.support.ClusterNodes;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.Http;
import io.tern.server.support.MainRunner;
import io.tern.server.support.ServerProcess;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /api/nodes/{id}/drain {"exit":true}}: the node moves its clients off, deregisters and stops. */
class DrainExitTest {
    @RegisterExtension
    static final ClusterNodes cluster = new ClusterNodes();

    @Test
    void drainWithExit_movesTheClientsOff_thenTheNodeProcessDeregistersAndExitsWithStatusZero() throws Exception {
        Path dir = Files.createTempDirectory("tern-drain-exit");
        List<WsTestClient> clients = new ArrayList<>();
        try (TestServer node0 = TestServer.start(cluster.stack().node(0));
             ServerProcess node1 = ServerProcess.start(dir, cluster.stack().nodeArgs(1))) {
            Http ops = node0.http();
            await().atMost(Duration.ofSeconds(20)).until(() -> node(ops, 1) != null);
            for (int i = 0; i < 3; i++) {
                TestUser u = node0.user("leaving" + i);
                clients.add(WsTestClient.connect(node1.wsUrl() + "?token=" + u.token()));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> node(ops, 1).get("sessions").asLong() == 3);

            Http.Response order = ops.post("/api/nodes/1/drain", "{\"rate\":50,\"exit\":true}", ClusterStack.OPS_TOKEN);
            assertThat(order.status()).isEqualTo(200);
            assertThat(order.body().get("exit").asBoolean()).isTrue();
            for (WsTestClient c : clients) {
                assertThat(c.next(Kick.class).reason()).isEqualTo(Kick.MOVED);
            }
            Integer status = node1.awaitExit(60);
            assertThat(status).as("the node stopped by itself: " + node1.output()).isEqualTo(0);
            assertThat(node1.output()).anyMatch(l -> l.contains("stopping as ordered"))
                    .anyMatch(l -> l.contains("Tern stopped"));
            assertThat(node(ops, 1)).as("deregistered as it stopped, not left to expire").isNull();
        } finally {
            clients.forEach(WsTestClient::close);
            TestServer.deleteRecursively(dir);
        }
    }

    @Test
    void drainWithExitFromTheCli_stopsAnEmbeddedNode_andAnExitThatIsNotABooleanIsRefused() {
        try (TestServer node0 = TestServer.start(cluster.stack().node(0)); TestServer node1 = TestServer.start(cluster.stack().node(1))) {
            Http ops = node0.http();
            await().atMost(Duration.ofSeconds(20)).until(() -> node(ops, 1) != null);
            Http.Response bad = ops.post("/api/nodes/1/drain", "{\"exit\":\"yes\"}", ClusterStack.OPS_TOKEN);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body().at("/error/code").asText()).isEqualTo("INVALID_FIELD");
            assertThat(node1.server().stopped()).as("a refused order does nothing").isNotDone();

            WsTestClient c = node1.connect(node0.user("embedded"));
            MainRunner.Outcome cli = MainRunner.run("", "admin", "--url", "http://127.0.0.1:" + node0.port(),
                    "--token", ClusterStack.OPS_TOKEN, "drain", "1", "--exit");
            assertThat(cli.status()).as(cli.err()).isZero();
            assertThat(cli.out()).contains("\"exit\" : true");
            assertThat(c.next(Kick.class).reason()).isEqualTo(Kick.MOVED);
            await().atMost(Duration.ofSeconds(30)).until(() -> node1.server().stopped().isDone());
            assertThat(node(ops, 1)).isNull();
            c.close();
        }
    }

    private static JsonNode node(Http ops, int nodeId) {
        JsonNode nodes = ops.get("/api/nodes", ClusterStack.OPS_TOKEN).body().get("nodes");
        return StreamSupport.stream(nodes.spliterator(), false).filter(n -> n.get("nodeId").asInt() == nodeId)
                .findFirst().orElse(null);
    }
}
