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
import io.tern.server.support.ClusterNodes;
import io.tern.server.support.Http;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code session.multiDevice=REFUSE_NEW} and {@code limits.connectionsPerUser} count the user's devices on every
 * node: the node a device connects to asks Redis, which checks and writes the route in one script.
 */
class ClusterDevicePolicyTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static final ClusterNodes cluster = new ClusterNodes();

    @Test
    void refuseNew_aSecondDeviceOnAnotherNode_isRefusedWithAlreadyOnline_andTheFirstStays() {
        cluster.start(2, Map.of("session.multiDevice", "REFUSE_NEW"));
        String name = "refuse" + NAMES.incrementAndGet();
        TestUser phone = cluster.node(0).http().registerAndLogin(name, "phone");
        TestUser laptop = cluster.node(0).http().login(name, "laptop");
        WsTestClient onNode0 = cluster.online(0, phone);

        WsTestClient onNode1 = cluster.node(1).connect(laptop);
        cluster.track(onNode1);
        assertThat(onNode1.next(ErrorFrame.class).error()).isEqualTo("ALREADY_ONLINE");
        await().atMost(Duration.ofSeconds(10)).until(onNode1::isClosed);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.node(1).server().sessions()
                .sessionsOf(phone.userId()).isEmpty());
        assertThat(onNode0.isClosed()).isFalse();
        onNode0.send(new Sync(Map.of(), "still"));
        assertThat(onNode0.next(SyncResp.class)).isNotNull();

        // once the phone is gone, the laptop may come in on node 1
        onNode0.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.node(0).server().sessions()
                .sessionsOf(phone.userId()).isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            WsTestClient again = cluster.node(1).connect(laptop);
            cluster.track(again);
            again.send(new Sync(Map.of(), "in"));
            assertThat(again.next(SyncResp.class)).isNotNull();
        });
    }

    @Test
    void refuseNew_aLoginFrameOnAnotherNode_getsAlreadyOnlineAndNoLoginResp_aLongPollGets409() {
        cluster.start(2, Map.of("session.multiDevice", "REFUSE_NEW"));
        String name = "byFrame" + NAMES.incrementAndGet();
        TestUser phone = cluster.node(0).http().registerAndLogin(name, "phone");
        TestUser laptop = cluster.node(0).http().login(name, "laptop");
        TestUser tablet = cluster.node(0).http().login(name, "tablet");
        cluster.online(0, phone);

        WsTestClient byFrame = WsTestClient.connect(cluster.node(1).wsUrl());
        cluster.track(byFrame);
        byFrame.send(new Login(laptop.token()));
        assertThat(byFrame.next(ErrorFrame.class).error()).isEqualTo("ALREADY_ONLINE");
        await().atMost(Duration.ofSeconds(10)).until(byFrame::isClosed);
        assertThat(byFrame.skipped()).noneMatch(f -> f instanceof LoginResp);

        Http.Response poll = cluster.node(1).http().get("/api/sync?wait=0", tablet.token());
        assertThat(poll.status()).isEqualTo(409);
        assertThat(poll.body().at("/error/code").asText()).isEqualTo("ALREADY_ONLINE");
        assertThat(cluster.node(1).server().sessions().sessionsOf(phone.userId())).isEmpty();
    }

    @Test
    void connectionsPerUser_countsTheDevicesOnEveryNode() {
        cluster.start(3, Map.of("limits.connectionsPerUser", "2"));
        String name = "perUser" + NAMES.incrementAndGet();
        TestUser phone = cluster.node(0).http().registerAndLogin(name, "phone");
        TestUser laptop = cluster.node(0).http().login(name, "laptop");
        TestUser tablet = cluster.node(0).http().login(name, "tablet");
        cluster.online(0, phone);
        cluster.online(1, laptop);

        for (int node = 0; node < 3; node++) { // node 2 has none of them, node 0 and 1 one each: all refuse the third
            WsTestClient third = cluster.node(node).connect(tablet);
            cluster.track(third);
            ErrorFrame refused = third.next(ErrorFrame.class);
            assertThat(refused.error()).as("node " + node).isEqualTo("RATE_LIMITED");
            await().atMost(Duration.ofSeconds(10)).until(third::isClosed);
        }
        // the same device again (a reconnect) is no new device
        cluster.online(2, laptop);
    }

    @Test
    void refuseNew_twoDevicesConnectingAtTheSameMomentOnTwoNodes_atMostOneGetsIn() {
        cluster.start(2, Map.of("session.multiDevice", "REFUSE_NEW"));
        RedisClient redisClient = RedisClient.create(cluster.stack().redisUri());
        try (StatefulRedisConnection<String, String> redis = redisClient.connect()) {
            for (int attempt = 0; attempt < 5; attempt++) {
                String name = "race" + NAMES.incrementAndGet();
                TestUser phone = cluster.node(0).http().registerAndLogin(name, "phone");
                TestUser laptop = cluster.node(0).http().login(name, "laptop");
                // Redis holds every command for a while: both nodes register their device locally (each sees no
                // other) and send their claims, which Redis then runs one after the other.
                redis.sync().clientPause(1_500);
                WsTestClient a = cluster.node(0).connect(phone);
                WsTestClient b = cluster.node(1).connect(laptop);
                cluster.track(a);
                cluster.track(b);
                List<DeviceSession> sessions = new ArrayList<>(cluster.node(0).server().sessions().sessionsOf(phone.userId()));
                sessions.addAll(cluster.node(1).server().sessions().sessionsOf(laptop.userId()));
                boolean bothPending = sessions.size() == 2 && sessions.stream().noneMatch(s -> s.refusal().isDone());
                await().atMost(Duration.ofSeconds(10)).until(() -> sessions.stream().allMatch(s -> s.refusal().isDone()));
                if (!bothPending) {
                    continue; // the machine was too slow to open both within the pause: not the race this tests
                }
                long refused = sessions.stream().filter(s -> s.refusal().join() != null).count();
                assertThat(refused).as("both passed their node's own check; Redis let one in").isEqualTo(1);
                WsTestClient loser = cluster.node(0).server().sessions().sessionsOf(phone.userId()).isEmpty() ? a : b;
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
        cluster.start(2, Map.of("session.multiDevice", "REFUSE_NEW"));
        String name = "alone" + NAMES.incrementAndGet();
        TestUser phone = cluster.node(0).http().registerAndLogin(name, "phone");
        TestUser laptop = cluster.node(0).http().login(name, "laptop");
        TestUser tablet = cluster.node(0).http().login(name, "tablet");
        cluster.stack().stopRedis();
        try {
            cluster.online(0, phone);
            cluster.online(1, laptop); // node 1 cannot see node 0's phone: per node, as documented
            WsTestClient tabletOnNode1 = cluster.node(1).connect(tablet);
            cluster.track(tabletOnNode1);
            assertThat(tabletOnNode1.next(ErrorFrame.class).error()).as("node 1's own rule still holds")
                    .isEqualTo("ALREADY_ONLINE");
        } finally {
            cluster.stack().startRedis();
        }
    }
}
