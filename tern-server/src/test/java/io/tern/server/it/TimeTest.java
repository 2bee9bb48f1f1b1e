package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Kick;
import io.tern.server.TernServer;
import io.tern.server.support.FakeTicker;
import io.tern.server.support.MutableClock;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wall-clock steps (NTP, a clock set by hand, a host whose clock is behind the previous one's) change no
 * interval, deadline or rate, and never make msg ids collide: those run on the monotonic ticker.
 */
class TimeTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void rateLimiter_backwardWallStep_doesNotBlockSenders() {
        server = TestServer.start(Map.of("limits.messagesPerSecond", "1", "limits.messageBurst", "2"), clock);
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice)) {
            a.send(ChatTest.chat("1", bob.userId(), "before the step"));
            assertThat(a.next(ChatResp.class).seq()).isEqualTo(1);
            clock.advance(Duration.ofHours(-1));
            // a token of the burst is left: a refill measured on the wall clock would be an hour negative
            a.send(ChatTest.chat("2", bob.userId(), "after the step"));
            assertThat(a.next(ChatResp.class).seq()).isEqualTo(2);
            assertThat(a.skipped()).noneMatch(f -> f instanceof ErrorFrame);
        }
    }

    @Test
    void forwardWallStep_doesNotKickAConnectionHoldingAnUnackedPush() {
        server = TestServer.start(Map.of("session.retryInitial", "200ms", "session.retryMax", "400ms"), clock);
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            a.send(ChatTest.chat("1", bob.userId(), "hold me"));
            ChatPush first = b.next(ChatPush.class);
            clock.advance(Duration.ofSeconds(11)); // past session.ackDeadline (10s) on the wall clock only
            // two re-pushes prove the outbox ticked after the step, more than once, without closing
            assertThat(b.next(ChatPush.class)).isEqualTo(first);
            assertThat(b.next(ChatPush.class)).isEqualTo(first);
            b.assertNoFrame(Kick.class);
            assertThat(b.isClosed()).isFalse();
        }
    }

    @Test
    void ackDeadline_followsTicker_notWallClock() {
        FakeTicker ticker = new FakeTicker();
        server = TestServer.start(Map.of("session.retryInitial", "1s", "session.retryMax", "4s",
                "session.ackDeadline", "10s"), TernServer.Environment.system().withClock(clock).withTicker(ticker));
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            a.send(ChatTest.chat("1", bob.userId(), "hold me"));
            ChatPush first = b.next(ChatPush.class);
            clock.advance(Duration.ofHours(1));
            ticker.advance(Duration.ofSeconds(1));
            assertThat(b.next(ChatPush.class)).isEqualTo(first); // the retry is due on the ticker
            b.assertNoFrame(Kick.class);
            ticker.advance(Duration.ofSeconds(9));
            assertThat(b.next(Kick.class).reason()).isEqualTo(Kick.ACK_TIMEOUT);
        }
    }

    @Test
    void restart_withClockAnHourBehindThePreviousRun_stillStoresMessages() throws Exception {
        Path dir = Files.createTempDirectory("tern-time");
        MutableClock first = new MutableClock(Instant.parse("2026-06-01T11:00:00Z"));
        TestServer before = TestServer.start(dir, Map.of(), first);
        TestUser alice;
        TestUser bob;
        try {
            alice = before.user("alice");
            bob = before.user("bob");
            try (WsTestClient a = before.connect(alice)) {
                a.send(ChatTest.chat("at-11", bob.userId(), "at 11:00"));
                a.next(ChatResp.class);
                first.advance(Duration.ofHours(1));
                a.send(ChatTest.chat("at-12", bob.userId(), "at 12:00"));
                a.next(ChatResp.class);
            }
        } finally {
            before.stopKeepingData();
        }

        // the host's clock is an hour behind the previous run: it reads 11:00 again
        server = TestServer.start(dir, Map.of(), new MutableClock(Instant.parse("2026-06-01T11:00:00Z")));
        try (WsTestClient a = server.connect(alice)) {
            for (int i = 0; i < 3; i++) {
                a.send(ChatTest.chat("again-" + i, bob.userId(), "after the restart"));
                assertThat(a.next(ChatResp.class).seq()).isEqualTo(3 + i);
            }
            assertThat(a.skipped()).noneMatch(f -> f instanceof ErrorFrame);
        }
    }
}
