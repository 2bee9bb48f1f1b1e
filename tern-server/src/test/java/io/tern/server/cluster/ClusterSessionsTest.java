package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.protocol.ChatResp;
import io.tern.protocol.Kick;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.Frames;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions of one user on several nodes: logouts and the multi-device policy reach all of them; rate limits
 * per address count for the cluster, and presence is the cluster's.
 */
class ClusterSessionsTest {
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
    void logoutOnOneNode_closesThatDevicesSessionOnAnother_andLogoutAllClosesEveryOne() {
        startNodes(Map.of());
        String name = "multi" + NAMES.incrementAndGet();
        TestUser phone = nodes.get(0).http().registerAndLogin(name, "phone");
        TestUser laptop = nodes.get(0).http().login(name, "laptop");
        TestUser tablet = nodes.get(0).http().login(name, "tablet");
        WsTestClient phoneOnNode1 = online(1, phone);
        WsTestClient laptopOnNode2 = online(2, laptop);
        WsTestClient tabletOnNode2 = online(2, tablet);

        // the phone logs out through node 0: its session on node 1 closes, the others stay
        assertThat(nodes.get(0).http().post("/api/logout", "{}", phone.token()).status()).isEqualTo(200);
        assertThat(phoneOnNode1.next(Kick.class).reason()).isEqualTo(Kick.LOGGED_OUT);
        assertThat(laptopOnNode2.poll(Duration.ofMillis(500))).isNull();

        // "log out all devices" from the tablet, through node 1: the laptop's and tablet's sessions on node 2 close
        assertThat(nodes.get(1).http().post("/api/logout-all", "{}", tablet.token()).status()).isEqualTo(200);
        assertThat(laptopOnNode2.next(Kick.class).reason()).isEqualTo(Kick.LOGGED_OUT);
        assertThat(tabletOnNode2.next(Kick.class).reason()).isEqualTo(Kick.LOGGED_OUT);
    }

    @Test
    void kickOldPolicy_aNewDeviceOnOneNode_closesTheOlderDeviceOnAnother() {
        startNodes(Map.of("session.multiDevice", "KICK_OLD"));
        String name = "kickold" + NAMES.incrementAndGet();
        TestUser phone = nodes.get(0).http().registerAndLogin(name, "phone");
        TestUser laptop = nodes.get(0).http().login(name, "laptop");
        WsTestClient phoneOnNode0 = online(0, phone);
        online(1, laptop);
        assertThat(phoneOnNode0.next(Kick.class).reason()).isEqualTo(Kick.REPLACED);
    }

    @Test
    void loginsPerAddress_areCountedOnceForTheWholeCluster_notPerNode() {
        startNodes(Map.of("limits.loginsPerMinute", "3"));
        String name = "rate" + NAMES.incrementAndGet();
        nodes.get(0).http().post("/api/register", "{\"username\":\"" + name + "\",\"password\":\"password-1\"}", null);
        String body = "{\"username\":\"" + name + "\",\"password\":\"password-1\"}";
        assertThat(nodes.get(0).http().post("/api/login", body, null).status()).isEqualTo(200);
        assertThat(nodes.get(1).http().post("/api/login", body, null).status()).isEqualTo(200);
        assertThat(nodes.get(2).http().post("/api/login", body, null).status()).isEqualTo(200);
        // each node alone has seen one login from 127.0.0.1; the cluster has seen three
        Http.Response fourth = nodes.get(1).http().post("/api/login", body, null);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.body().toString()).contains("RATE_LIMITED");
    }

    @Test
    void presence_showsUsersOnlineOnOtherNodes_andNotOnceTheyLeft() {
        startNodes(Map.of());
        TestUser alice = nodes.get(0).user("alice" + NAMES.incrementAndGet());
        TestUser bob = nodes.get(1).user("bob" + NAMES.incrementAndGet());
        WsTestClient a = online(0, alice);
        WsTestClient b = online(1, bob);
        a.send(Frames.chat("hi", bob.userId(), "hi")); // now they share a conversation: each may see the other
        a.next(ChatResp.class);
        Http http2 = nodes.get(2).http();
        assertThat(http2.get("/api/presence?userIds=" + bob.userId(), alice.token()).body().get("presence").get(0)
                .get("online").asBoolean()).as("bob is on node 1, asked through node 2").isTrue();
        assertThat(http2.get("/api/users/online", alice.token()).body().findValuesAsText("username"))
                .containsExactlyInAnyOrder(alice.username(), bob.username());
        b.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http2.get("/api/presence?userIds="
                + bob.userId(), alice.token()).body().get("presence").get(0).get("online").asBoolean()).isFalse());
    }

    private void startNodes(Map<String, String> extra) {
        for (int i = 0; i < 3; i++) {
            Map<String, String> config = new HashMap<>(stack.node(i));
            config.putAll(extra);
            nodes.add(TestServer.start(config));
        }
    }

    private WsTestClient online(int node, TestUser user) {
        WsTestClient c = nodes.get(node).connect(user);
        clients.add(c);
        c.send(new Sync(Map.of(), "hello"));
        c.next(SyncResp.class);
        return c;
    }
}
