package io.tern.server.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.protocol.ChatResp;
import io.tern.server.support.FakeTicker;
import io.tern.server.support.Http;
import io.tern.server.support.Scrape;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A server with push on a fake ticker (delay 5s), and helpers to send, register and move time. */
class PushFixture implements AutoCloseable {
    static final String SECRET = "webhook-secret-0123456789";
    final FakeTicker ticker = new FakeTicker();
    TestServer server;
    private final List<AutoCloseable> open = new ArrayList<>();

    PushFixture(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(Map.of("push.delay", "5s", "push.pollInterval", "20ms",
                "push.retryInitial", "2s", "push.retryMax", "8s", "push.maxAttempts", "3"));
        all.putAll(overrides);
        server = TestServer.start(all, ticker);
    }

    static Map<String, String> webhook(String url) {
        return Map.of("push.webhook.url", url, "push.webhook.secret", SECRET);
    }

    Http http() {
        return server.http();
    }

    TestUser user(String name, String device) {
        return server.http().registerAndLogin(name, device);
    }

    WsTestClient connect(TestUser user) {
        WsTestClient c = server.connect(user);
        open.add(c);
        return c;
    }

    long registerDevice(TestUser user, String json) {
        Http.Response r = http().post("/api/push/devices", json, user.token());
        assertThat(r.status()).as(String.valueOf(r)).isEqualTo(201);
        return r.body().get("id").asLong();
    }

    long registerWebhook(TestUser user, String token) {
        return registerDevice(user, "{\"platform\":\"webhook\",\"token\":\"" + token + "\",\"locale\":\"en\"}");
    }

    static String chat(String clientMsgId, long toId, String text) {
        return "{\"type\":80,\"clientMsgId\":\"" + clientMsgId + "\",\"toId\":" + toId
                + ",\"content\":{\"contentType\":1,\"body\":\"" + text + "\"}}";
    }

    static String groupChat(String clientMsgId, long groupId, String text, long... mentions) {
        StringBuilder m = new StringBuilder();
        for (long id : mentions) {
            m.append(m.length() == 0 ? "" : ",").append(id);
        }
        return "{\"type\":80,\"clientMsgId\":\"" + clientMsgId + "\",\"groupId\":" + groupId
                + ",\"content\":{\"contentType\":1,\"body\":\"" + text + "\",\"mentions\":[" + m + "]}}";
    }

    /** Sends and waits for the CHAT_RESP: the message is committed. */
    static ChatResp send(WsTestClient from, String frame) {
        from.send(frame);
        return from.next(ChatResp.class);
    }

    double metric(String name) {
        return Scrape.value(server.port(), name);
    }

    /** Waits until the worker scheduled a job, so moving the ticker afterwards makes it due. */
    void awaitQueued() {
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("tern_push_queued") >= 1);
    }

    /** Moves the ticker a second at a time until the condition holds (the worker polls every 20 ms of real time). */
    void advanceUntil(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            ticker.advance(Duration.ofSeconds(1));
            return false;
        });
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
