package io.tern.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.client.Sent;
import io.tern.client.TernClient;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three node processes and SDK clients spread over them: one-to-one and group chat across nodes; a node
 * killed with SIGKILL drops out of the registry after the TTL while its clients reconnect elsewhere and
 * catch up; started again, it takes new connections.
 */
class ClusterProcessTest {
    private ThreeNodes cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.saveLogs("process");
            cluster.close();
        }
    }

    @Test
    void chatAcrossNodes_survivesSigkill_andARestartedNodeTakesNewConnections() throws Exception {
        cluster = ThreeNodes.start();
        List<TestUser> users = new ArrayList<>();
        List<Inbox> inboxes = new ArrayList<>();
        List<TernClient> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(cluster.http(0).registerAndLogin("proc" + i, null));
            Inbox inbox = new Inbox("proc" + i);
            TernClient client = cluster.client("proc" + i, inbox);
            client.connect().get(30, TimeUnit.SECONDS);
            inboxes.add(inbox);
            clients.add(client);
            int connected = i + 1;
            // least-loaded routing, one login at a time: two clients on each node
            await().atMost(Duration.ofSeconds(10)).until(() -> total(connections()) == connected);
        }
        assertThat(connections()).containsOnlyKeys(0, 1, 2).allSatisfy((node, n) -> assertThat(n).isEqualTo(2));

        // one-to-one from every client to every other: most pairs are on different nodes
        List<Sent> direct = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        for (int from = 0; from < 6; from++) {
            for (int to = 0; to < 6; to++) {
                if (from != to) {
                    direct.add(clients.get(from).send(users.get(to).userId(), from + "->" + to).get(20, TimeUnit.SECONDS));
                    pairs.add(new int[] {from, to});
                }
            }
        }
        long group = cluster.http(0).post("/api/groups", "{\"name\":\"all\",\"memberIds\":[" + ids(users, 1) + "]}",
                users.get(0).token()).body().get("groupId").asLong();
        Sent groupMessage = clients.get(3).sendToGroup(group, "hello everyone").get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int k = 0; k < direct.size(); k++) {
                assertThat(inboxes.get(pairs.get(k)[1]).has(direct.get(k).msgId())).isTrue();
            }
            for (int r = 0; r < 6; r++) {
                assertThat(inboxes.get(r).has(groupMessage.msgId())).as("proc%d has the group message", r).isTrue();
            }
        });

        // SIGKILL node 1: its clients reconnect to the others and miss nothing sent meanwhile
        cluster.kill(1);
        List<Sent> whileDown = new ArrayList<>();
        for (int from = 0; from < 6; from++) {
            whileDown.add(clients.get(from).sendToGroup(group, "after the kill " + from).get(30, TimeUnit.SECONDS));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Sent s : whileDown) {
                for (Inbox inbox : inboxes) {
                    assertThat(inbox.has(s.msgId())).isTrue();
                }
            }
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(connections()).containsOnlyKeys(0, 2));
        assertThat(total(connections())).isEqualTo(6);

        // node 1 comes back: the registry lists it, and as the least-loaded node it gets the next login
        cluster.restart(1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(connections()).containsKey(1));
        TestUser late = cluster.http(0).registerAndLogin("proc-late", null);
        String wsUrl = cluster.http(2).post("/api/login", "{\"username\":\"proc-late\",\"password\":\""
                + ThreeNodes.PASSWORD + "\"}", null).body().get("wsUrl").asText();
        assertThat(wsUrl).isEqualTo(cluster.node(1).wsUrl());
        Inbox lateInbox = new Inbox("proc-late");
        TernClient lateClient = cluster.client("proc-late", lateInbox);
        lateClient.connect().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connections().get(1)).isEqualTo(1L));
        Sent toLate = clients.get(0).send(late.userId(), "welcome back, node 1").get(20, TimeUnit.SECONDS);
        Sent fromLate = lateClient.send(users.get(5).userId(), "hi from node 1").get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(lateInbox.has(toLate.msgId())).isTrue();
            assertThat(inboxes.get(5).has(fromLate.msgId())).isTrue();
        });
        inboxes.forEach(inbox -> assertThat(inbox.problems()).isEmpty());
        assertThat(lateInbox.problems()).isEmpty();
    }

    private Map<Integer, Long> connections() {
        Map<Integer, Long> out = new TreeMap<>();
        cluster.http(0).get("/api/nodes", ClusterStack.OPS_TOKEN).body().get("nodes")
                .forEach(n -> out.put(n.get("nodeId").asInt(), n.get("connections").asLong()));
        return out;
    }

    private static long total(Map<Integer, Long> connections) {
        return connections.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String ids(List<TestUser> users, int from) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < users.size(); i++) {
            out.append(i > from ? "," : "").append(users.get(i).userId());
        }
        return out.toString();
    }
}
