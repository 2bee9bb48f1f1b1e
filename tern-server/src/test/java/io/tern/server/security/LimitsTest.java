package io.tern.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.server.support.FakeTicker;
import io.tern.server.support.Frames;
import io.tern.server.support.MutableClock;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every rate limit answers RATE_LIMITED (frame) or 429 with Retry-After, and ordinary bursts pass. */
class LimitsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(Map<String, String> limits) {
        start(limits, new MutableClock(Instant.now()));
    }

    private void start(Map<String, String> limits, MutableClock clock) {
        Map<String, String> all = new HashMap<>(TestServer.NO_LIMITS);
        all.putAll(limits);
        server = TestServer.start(all, clock);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void messagesOverTheRate_getRateLimited_burstPasses_connectionSurvives() {
        start(Map.of("limits.messagesPerSecond", "1", "limits.messageBurst", "10"));
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice)) {
            for (int i = 0; i < 15; i++) {
                a.send(Frames.chat("r" + i, bob.userId(), "burst " + i));
            }
            int accepted = 0;
            List<ErrorFrame> limited = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                Frame f = a.next(Frame.class, x -> x instanceof ChatResp || x instanceof ErrorFrame);
                if (f instanceof ChatResp) {
                    accepted++;
                } else {
                    limited.add((ErrorFrame) f);
                }
            }
            assertThat(accepted).isEqualTo(10);
            assertThat(limited).hasSize(5).allSatisfy(e -> {
                assertThat(e.error()).isEqualTo("RATE_LIMITED");
                assertThat(e.clientMsgId()).startsWith("r");
                assertThat(e.message()).contains("retry after");
            });
            a.send("{\"type\":40}");
            a.next(io.tern.protocol.Pong.class);
        }
    }

    @Test
    void loginsPerAddress_areLimitedWithRetryAfter() throws Exception {
        start(Map.of("limits.loginsPerMinute", "3"));
        server.http().post("/api/register", "{\"username\":\"alice\",\"password\":\"password-1\"}", null);
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/login", "{\"username\":\"alice\",\"password\":\"password-1\"}").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = post("/api/login", "{\"username\":\"alice\",\"password\":\"password-1\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("RATE_LIMITED");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    }

    @Test
    void registrationsPerAddress_areLimited() throws Exception {
        start(Map.of("limits.registrationsPerHour", "2"));
        assertThat(post("/api/register", "{\"username\":\"user1\",\"password\":\"password-1\"}").statusCode()).isEqualTo(201);
        assertThat(post("/api/register", "{\"username\":\"user2\",\"password\":\"password-1\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> third = post("/api/register", "{\"username\":\"user3\",\"password\":\"password-1\"}");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void failedLogins_backOff_perUsernameAtAddress_untilTheTickerMoves() throws Exception {
        FakeTicker clock = new FakeTicker();
        Map<String, String> all = new HashMap<>(TestServer.NO_LIMITS);
        all.put("limits.loginFailuresBeforeBackoff", "2");
        server = TestServer.start(all, clock);
        server.http().post("/api/register", "{\"username\":\"alice\",\"password\":\"password-1\"}", null);
        String wrong = "{\"username\":\"alice\",\"password\":\"wrong-pass\"}";
        String right = "{\"username\":\"alice\",\"password\":\"password-1\"}";
        assertThat(post("/api/login", wrong).statusCode()).isEqualTo(401);
        assertThat(post("/api/login", wrong).statusCode()).isEqualTo(401);
        assertThat(post("/api/login", wrong).statusCode()).isEqualTo(401);
        HttpResponse<String> locked = post("/api/login", right);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).contains("1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(post("/api/login", wrong).statusCode()).isEqualTo(401);
        HttpResponse<String> longer = post("/api/login", right);
        assertThat(longer.statusCode()).isEqualTo(429);
        assertThat(longer.headers().firstValue("Retry-After")).contains("2");
        clock.advance(Duration.ofSeconds(2));
        assertThat(post("/api/login", right).statusCode()).isEqualTo(200);
        assertThat(post("/api/login", wrong).statusCode()).isEqualTo(401);
        assertThat(post("/api/login", right).statusCode()).as("success cleared the count").isEqualTo(200);
    }

    @Test
    void sessionsPerUser_areCapped() {
        start(Map.of("limits.connectionsPerUser", "2"));
        TestUser alice = server.user("alice");
        TestUser phone = server.http().login("alice", "phone");
        TestUser tablet = server.http().login("alice", "tablet");
        try (WsTestClient one = server.connect(alice); WsTestClient two = server.connect(phone);
             WsTestClient three = server.connect(tablet)) {
            assertThat(three.next(ErrorFrame.class).error()).isEqualTo("RATE_LIMITED");
            three.closed().join();
            one.send("{\"type\":40}");
            one.next(io.tern.protocol.Pong.class);
        }
    }

    @Test
    void connectionsPerAddress_areCapped() throws Exception {
        start(Map.of("limits.connectionsPerAddress", "3"));
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.setSoTimeout(50);
                sockets.add(s);
            }
            // connections become active on several event loops, so which one is over the cap is not fixed
            org.awaitility.Awaitility.await().until(() -> closedByServer(sockets).size() == 1);
            assertThat(closedByServer(sockets)).hasSize(1);
            sockets.get(0).close();
            sockets.get(1).close();
            org.awaitility.Awaitility.await().untilAsserted(() ->
                    assertThat(post("/api/register", "{\"username\":\"later\",\"password\":\"password-1\"}").statusCode())
                            .isEqualTo(201));
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /** The sockets the server has closed: a read ends at once; on an open one it times out. */
    private static List<Socket> closedByServer(List<Socket> sockets) throws java.io.IOException {
        List<Socket> closed = new ArrayList<>();
        for (Socket s : sockets) {
            if (s.isClosed()) {
                continue;
            }
            try {
                if (s.getInputStream().read() == -1) {
                    closed.add(s);
                }
            } catch (java.net.SocketTimeoutException open) {
                // still open
            } catch (java.net.SocketException reset) {
                closed.add(s);
            }
        }
        return closed;
    }
}
