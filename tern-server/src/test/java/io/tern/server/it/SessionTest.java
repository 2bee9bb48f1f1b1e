package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.protocol.ErrorCode;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.HeartbeatTimeout;
import io.tern.protocol.Kick;
import io.tern.protocol.Login;
import io.tern.protocol.LoginResp;
import io.tern.protocol.Pong;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handshake authentication, login by frame, heartbeats and multi-device policies. */
class SessionTest {
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void handshake_withoutValidToken_is403() {
        server = TestServer.start();
        TestUser alice = server.user("alice");
        assertThat(WsTestClient.handshakeStatus(server.wsUrl() + "?token=not-a-token", null)).isEqualTo(403);
        assertThat(WsTestClient.handshakeStatus(server.wsUrl(), "not-a-token")).isEqualTo(403);
        assertThat(WsTestClient.handshakeStatus(server.wsUrl() + "?token=" + alice.token(), null)).isEqualTo(-1);
        assertThat(WsTestClient.handshakeStatus(server.wsUrl(), alice.token())).isEqualTo(-1);
    }

    @Test
    void handshake_withRevokedOrExpiredToken_is403() {
        server = TestServer.start(Map.of("auth.tokenTtl", "2s"));
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient live = server.connect(alice)) {
            assertThat(server.http().post("/api/logout", "", alice.token()).status()).isEqualTo(200);
            assertThat(live.next(Kick.class).reason()).isEqualTo(Kick.LOGGED_OUT);
            live.closed().join();
        }
        assertThat(WsTestClient.handshakeStatus(server.wsUrl() + "?token=" + alice.token(), null)).isEqualTo(403);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                WsTestClient.handshakeStatus(server.wsUrl() + "?token=" + bob.token(), null) == 403);
    }

    @Test
    void loginByFrame_opensSession() {
        server = TestServer.start();
        TestUser alice = server.user("alice");
        try (WsTestClient c = WsTestClient.connect(server.wsUrl())) {
            c.send(new Login(alice.token()));
            LoginResp resp = c.next(LoginResp.class);
            assertThat(resp.userId()).isEqualTo(alice.userId());
            assertThat(resp.deviceId()).isEqualTo(alice.deviceId());
            c.send("{\"type\":\"40\"}");
            c.next(Pong.class);
        }
    }

    @Test
    void loginByFrame_withBadToken_errorsAndCloses() {
        server = TestServer.start();
        try (WsTestClient c = WsTestClient.connect(server.wsUrl())) {
            c.send(new Login("forged"));
            assertThat(c.next(ErrorFrame.class).error()).isEqualTo(ErrorCode.INVALID_TOKEN.name());
            c.closed().join();
        }
    }

    @Test
    void anyFrameBeforeLogin_isRefusedAndCloses() {
        server = TestServer.start();
        try (WsTestClient c = WsTestClient.connect(server.wsUrl())) {
            c.send(ChatTest.chat("c", 1, "sneaky"));
            assertThat(c.next(ErrorFrame.class).error()).isEqualTo(ErrorCode.NOT_LOGGED_IN.name());
            c.closed().join();
        }
    }

    @Test
    void garbageBeforeLogin_errorsAndCloses() {
        server = TestServer.start();
        try (WsTestClient c = WsTestClient.connect(server.wsUrl())) {
            c.send("{not json");
            assertThat(c.next(ErrorFrame.class).error()).isEqualTo(ErrorCode.BAD_FRAME.name());
            c.closed().join();
        }
    }

    @Test
    void heartbeatsBeforeLogin_areAnswered() {
        server = TestServer.start();
        TestUser alice = server.user("alice");
        try (WsTestClient c = WsTestClient.connect(server.wsUrl())) {
            c.send("{\"type\":40}");
            c.next(Pong.class);
            c.send("{\"type\":41}");
            c.send(new Login(alice.token()));
            assertThat(c.next(LoginResp.class).userId()).isEqualTo(alice.userId());
        }
    }

    @Test
    void pathsBelowWs_areNotWebSocketEndpoints() {
        server = TestServer.start();
        assertThat(WsTestClient.handshakeStatus("ws://127.0.0.1:" + server.port() + "/ws/?token=bad", null)).isEqualTo(404);
        assertThat(WsTestClient.handshakeStatus("ws://127.0.0.1:" + server.port() + "/ws/x", null)).isEqualTo(404);
    }

    @Test
    void noLoginWithinTimeout_closes() {
        server = TestServer.start(Map.of("session.loginTimeout", "300ms"));
        try (WsTestClient c = WsTestClient.connect(server.wsUrl())) {
            assertThat(c.next(ErrorFrame.class).error()).isEqualTo(ErrorCode.NOT_LOGGED_IN.name());
            c.closed().join();
        }
    }

    @Test
    void silentConnection_isPingedThenGetsHeartbeatTimeoutThenCloses() {
        server = TestServer.start(Map.of("session.idleTimeout", "600ms"));
        try (WsTestClient c = server.connect(server.user("alice"))) {
            c.next(io.tern.protocol.Ping.class);
            c.next(HeartbeatTimeout.class);
            c.closed().join();
        }
        await().until(() -> server.server().sessionCount() == 0);
    }

    @Test
    void answeringServerPings_keepsConnectionAlive() {
        // half of it is the reader-idle time in which the handshake must arrive: room for a busy machine
        server = TestServer.start(Map.of("session.idleTimeout", "1s"));
        try (WsTestClient c = server.connect(server.user("alice"))) {
            for (int i = 0; i < 4; i++) {
                c.next(io.tern.protocol.Ping.class);
                c.send("{\"type\":41}");
            }
            assertThat(c.isClosed()).isFalse();
            assertThat(c.skipped()).noneMatch(HeartbeatTimeout.class::isInstance);
        }
    }

    @Test
    void pings_keepConnectionAlivePastIdleTimeout() {
        server = TestServer.start(Map.of("session.idleTimeout", "600ms"));
        try (WsTestClient c = server.connect(server.user("alice"))) {
            long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            while (System.nanoTime() < until) {
                c.send("{\"type\":40}");
                c.next(Pong.class);
            }
            assertThat(c.isClosed()).isFalse();
            assertThat(c.skipped()).noneMatch(HeartbeatTimeout.class::isInstance);
        }
    }

    @Test
    void sameDeviceReconnecting_replacesOldSession() {
        server = TestServer.start();
        TestUser alice = server.user("alice");
        try (WsTestClient first = server.connect(alice); WsTestClient second = server.connect(alice)) {
            assertThat(first.next(Kick.class).reason()).isEqualTo(Kick.REPLACED);
            second.send("{\"type\":40}");
            second.next(Pong.class);
            await().until(() -> server.server().sessionCount() == 1);
        }
    }

    @Test
    void policyRefuseNew_refusesSecondDevice() {
        server = TestServer.start(Map.of("session.multiDevice", "REFUSE_NEW"));
        TestUser laptop = server.user("alice");
        TestUser phone = server.http().login("alice", "phone");
        try (WsTestClient first = server.connect(laptop); WsTestClient second = server.connect(phone)) {
            assertThat(second.next(ErrorFrame.class).error()).isEqualTo(ErrorCode.ALREADY_ONLINE.name());
            second.closed().join();
            first.send("{\"type\":40}");
            first.next(Pong.class);
        }
    }

    @Test
    void policyKickOld_kicksFirstDevice() {
        server = TestServer.start(Map.of("session.multiDevice", "KICK_OLD"));
        TestUser laptop = server.user("alice");
        TestUser phone = server.http().login("alice", "phone");
        try (WsTestClient first = server.connect(laptop); WsTestClient second = server.connect(phone)) {
            assertThat(first.next(Kick.class).reason()).isEqualTo(Kick.REPLACED);
            second.send("{\"type\":40}");
            second.next(Pong.class);
        }
    }
}
