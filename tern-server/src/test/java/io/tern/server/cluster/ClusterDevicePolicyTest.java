package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Login;
import io.tern.protocol.LoginResp;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.support.ClusterStack;
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
 * {@code session.multiDevice=REFUSE_NEW} and {@code limits.connectionsPerUser} count the user's devices on every
 * node: the node a device connects to asks Redis, which checks and writes the route in one script.
 */
class ClusterDevicePolicyTest {
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
    void refuseNew_aSecondDeviceOnAnotherNode_isRefusedWithAlreadyOnline_andTheFirstStays() {
        startNodes(2, Map.of("session.multiDevice", "REFUSE_NEW"));
        String name = "refuse" + NAMES.incrementAndGet();
        TestUser phone = nodes.get(0).http().registerAndLogin(name, "phone");
        TestUser laptop = nodes.get(0).http().login(name, "laptop");
        WsTestClient onNode0 = online(0, phone);

        WsTestClient onNode1 = nodes.get(1).connect(laptop);
        clients.add(onNode1);
        assertThat(onNode1.next(ErrorFrame.class).error()).isEqualTo("ALREADY_ONLINE");
        await().atMost(Duration.ofSeconds(10)).until(onNode1::isClosed);
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.get(1).server().sessions()
                .sessionsOf(phone.userId()).isEmpty());
        assertThat(onNode0.isClosed()).isFalse();
        onNode0.send(new Sync(Map.of(), "still"));
        assertThat(onNode0.next(SyncResp.class)).isNotNull();

        // once the phone is gone, the laptop may come in on node 1
        onNode0.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.get(0).server().sessions()
                .sessionsOf(phone.userId()).isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            WsTestClient again = nodes.get(1).connect(laptop);
            clients.add(again);
            again.send(new Sync(Map.of(), "in"));
            assertThat(again.next(SyncResp.class)).isNotNull();
        });
    }

    @Test
    void refuseNew_aLoginFrameOnAnotherNode_getsAlreadyOnlineAndNoLoginResp_aLongPollGets409() {
        startNodes(2, Map.of("session.multiDevice", "REFUSE_NEW"));
        String name = "byFrame" + NAMES.incrementAndGet();
        TestUser phone = nodes.get(0).http().registerAndLogin(name, "phone");
        TestUser laptop = nodes.get(0).http().login(name, "laptop");
        TestUser tablet = nodes.get(0).http().login(name, "tablet");
        online(0, phone);

        WsTestClient byFrame = WsTestClient.connect(nodes.get(1).wsUrl());
        clients.add(byFrame);
        byFrame.send(new Login(laptop.token()));
        assertThat(byFrame.next(ErrorFrame.class).error()).isEqualTo("ALREADY_ONLINE");
        await().atMost(Duration.ofSeconds(10)).until(byFrame::isClosed);
        assertThat(byFrame.skipped()).noneMatch(f -> f instanceof LoginResp);

        Http.Response poll = nodes.get(1).http().get("/api/sync?wait=0", tablet.token());
        assertThat(poll.status()).isEqualTo(409);
        assertThat(poll.body().at("/error/code").asText()).isEqualTo("ALREADY_ONLINE");
        assertThat(nodes.get(1).server().sessions().sessionsOf(phone.userId())).isEmpty();
    }

    @Test
    void connectionsPerUser_countsTheDevicesOnEveryNode() {
        startNodes(3, Map.of("limits.connectionsPerUser", "2"));
        String name = "perUser" + NAMES.incrementAndGet();
        TestUser phone = nodes.get(0).http().registerAndLogin(name, "phone");
        TestUser laptop = nodes.get(0).http().login(name, "laptop");
        TestUser tablet = nodes.get(0).http().login(name, "tablet");
        online(0, phone);
        online(1, laptop);

        for (int node = 0; node < 3; node++) { // node 2 has none of them, node 0 and 1 one each: all refuse the third
            WsTestClient third = nodes.get(node).connect(tablet);
            clients.add(third);
            ErrorFrame refused = third.next(ErrorFrame.class);
            assertThat(refused.error()).as("node " + node).isEqualTo("RATE_LIMITED");
            await().atMost(Duration.ofSeconds(10)).until(third::isClosed);
        }
        // the same device again (a reconnect) is no new device
        online(2, laptop);
    }

    @Test
    void refuseNew_twoDevicesConnectingAtTheSameMomentOnTwoNodes_atMostOneGetsIn() {
        startNodes(2, Map.of("session.multiDevice", "REFUSE_NEW"));
        RedisClient redisClient = RedisClient.create(stack.redisUri());
        try (StatefulRedisConnection<String, String> redis = redisClient.connect()) {
            for (int attempt = 0; attempt < 5; attempt++) {
                String name = "race" + NAMES.incrementAndGet();
                TestUser phone = nodes.get(0).http().registerAndLogin(name, "phone");
                TestUser laptop = nodes.get(0).http().login(name, "laptop");
                // Redis holds every command for a while: both nodes register their device locally (each sees no
                // other) and send their claims, which Redis then runs one after the other.
                redis.sync().clientPause(1_500);
                WsTestClient a = nodes.get(0).connect(phone);
                WsTestClient b = nodes.get(1).connect(laptop);
                clients.add(a);
                clients.add(b);
                List<DeviceSession> sessions = new ArrayList<>(nodes.get(0).server().sessions().sessionsOf(phone.userId()));
                sessions.addAll(nodes.get(1).server().sessions().sessionsOf(laptop.userId()));
                boolean bothPending = sessions.size() == 2 && sessions.stream().noneMatch(s -> s.refusal().isDone());
                await().atMost(Duration.ofSeconds(10)).until(() -> sessions.stream().allMatch(s -> s.refusal().isDone()));
                if (!bothPending) {
                    continue; // the machine was too slow to open both within the pause: not the race this tests
                }
                long refused = sessions.stream().filter(s -> s.refusal().join() != null).count();
                assertThat(refused).as("both passed their node's own check; Redis let one in").isEqualTo(1);
                WsTestClient loser = nodes.get(0).server().sessions().sessionsOf(phone.userId()).isEmpty() ? a : b;
                assertThat(loser.next(ErrorFrame.class).error()).isEqualTo("ALREADY_ONLINE");
                return;
            }
            throw new AssertionError("no attempt opened both devices while Redis was paused");
        } finally {
            redisClient.shutdown();
        }
    }

    @Test
    void withoutRedis_eachNodeDecidesForItsOwnDevicesOnly() throws Exception {
        startNodes(2, Map.of("session.multiDevice", "REFUSE_NEW"));
        String name = "alone" + NAMES.incrementAndGet();
        TestUser phone = nodes.get(0).http().registerAndLogin(name, "phone");
        TestUser laptop = nodes.get(0).http().login(name, "laptop");
        TestUser tablet = nodes.get(0).http().login(name, "tablet");
        stack.stopRedis();
        try {
            online(0, phone);
            online(1, laptop); // node 1 cannot see node 0's phone: per node, as documented
            WsTestClient tabletOnNode1 = nodes.get(1).connect(tablet);
            clients.add(tabletOnNode1);
            assertThat(tabletOnNode1.next(ErrorFrame.class).error()).as("node 1's own rule still holds")
                    .isEqualTo("ALREADY_ONLINE");
        } finally {
            stack.startRedis();
        }
    }

    private void startNodes(int count, Map<String, String> extra) {
        for (int i = 0; i < count; i++) {
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
