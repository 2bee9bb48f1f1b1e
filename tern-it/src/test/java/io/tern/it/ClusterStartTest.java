package io.tern.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.client.ClientConfig;
import io.tern.client.Sent;
import io.tern.client.TernClient;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.Http;
import io.tern.server.support.ServerProcess;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node process started before its PostgreSQL and Redis: it waits for PostgreSQL (one log line per attempt,
 * not exiting), starts without Redis and serves its own users, and when Redis comes up it joins the cluster
 * with the routes of the devices it already holds, so a user on another node reaches them.
 */
class ClusterStartTest {
    private ClusterStack stack;
    private Path dir;
    private final List<ServerProcess> nodes = new ArrayList<>();
    private final List<TernClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(TernClient::close);
        nodes.forEach(ServerProcess::kill);
        if (stack != null) {
            stack.close();
        }
        if (dir != null) {
            TestServer.deleteRecursively(dir);
        }
    }

    @Test
    void nodeStartedBeforePostgresAndRedis_waitsServesItsUsersAlone_andJoinsWithItsRoutesWhenRedisComes()
            throws Exception {
        stack = ClusterStack.unstarted();
        dir = Files.createTempDirectory("tern-it-start");
        ServerProcess.Launch launch = ServerProcess.launch(Files.createDirectories(dir.resolve("node0")),
                args(0, "--set", "cluster.startWait=1s"));

        // PostgreSQL is not there: the node backs off and says so, attempt after attempt, and does not exit
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(count(launch, "waiting for PostgreSQL"))
                .as("%s", launch.output()).isGreaterThanOrEqualTo(3));
        assertThat(launch.alive()).isTrue();
        stack.startPostgres();
        ServerProcess node0 = launch.await(120);
        nodes.add(node0);
        assertThat(launch.output()).anyMatch(l -> l.contains("starting without it"));

        // no Redis: logins stay on this node, and its users talk to each other
        Http http0 = node0.http();
        TestUser alice = http0.registerAndLogin("alice", null);
        TestUser bob = http0.registerAndLogin("bob", null);
        assertThat(http0.post("/api/login", "{\"username\":\"alice\",\"password\":\"" + ThreeNodes.PASSWORD + "\"}",
                null).body().get("wsUrl").asText()).isEqualTo(node0.wsUrl());
        Inbox aliceInbox = new Inbox("alice");
        Inbox bobInbox = new Inbox("bob");
        TernClient aliceClient = client(node0, "alice", aliceInbox);
        TernClient bobClient = client(node0, "bob", bobInbox);
        Sent local = aliceClient.send(bob.userId(), "no Redis yet").get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> bobInbox.has(local.msgId()));
        assertThat(http0.get("/api/nodes", ClusterStack.OPS_TOKEN).status()).isEqualTo(503);

        // Redis comes: the node registers, with the routes of alice's and bob's devices
        stack.startRedis();
        await().atMost(Duration.ofSeconds(60)).until(() -> http0.get("/api/nodes", ClusterStack.OPS_TOKEN).status() == 200
                && http0.get("/api/nodes", ClusterStack.OPS_TOKEN).body().get("nodes").size() == 1);
        ServerProcess node1 = ServerProcess.start(Files.createDirectories(dir.resolve("node1")), args(1));
        nodes.add(node1);
        TestUser carol = node1.http().registerAndLogin("carol", null);
        Inbox carolInbox = new Inbox("carol");
        TernClient carolClient = client(node1, "carol", carolInbox);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                node1.http().get("/api/nodes", ClusterStack.OPS_TOKEN).body().findValues("connections").toString())
                .isEqualTo("[2, 1]"));
        Sent toAlice = carolClient.send(alice.userId(), "from node 1").get(30, TimeUnit.SECONDS);
        Sent toCarol = bobClient.send(carol.userId(), "from node 0").get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(aliceInbox.has(toAlice.msgId())).isTrue();
            assertThat(carolInbox.has(toCarol.msgId())).isTrue();
        });
        assertThat(node0.output()).anyMatch(l -> l.contains("joined the cluster"));
        for (Inbox inbox : List.of(aliceInbox, bobInbox, carolInbox)) {
            assertThat(inbox.problems()).isEmpty();
        }
    }

    private String[] args(int nodeId, String... more) {
        List<String> args = new ArrayList<>(List.of(stack.nodeArgs(nodeId)));
        args.addAll(List.of("--set", "store.jdbcUrl=" + stack.postgresJdbcUrl()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private TernClient client(ServerProcess node, String username, Inbox inbox) throws Exception {
        TernClient client = TernClient.create(ClientConfig.builder(URI.create("http://127.0.0.1:" + node.port()),
                        username, ThreeNodes.PASSWORD)
                .messageListener(inbox)
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .build());
        clients.add(client);
        client.connect().get(30, TimeUnit.SECONDS);
        return client;
    }

    private static long count(ServerProcess.Launch launch, String text) {
        return launch.output().stream().filter(l -> l.contains(text)).count();
    }
}
