package io.tern.server.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameType;
import io.tern.protocol.Read;
import io.tern.protocol.ReadNotify;
import io.tern.protocol.Typing;
import io.tern.protocol.TypingNotify;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typing, read and presence notices reach devices that receive by HTTP long-poll ({@code notices} of
 * {@code GET /api/sync}), under the same block and privacy rules as WebSocket sessions; each rule proved from the
 * side of the long-poll device that must not be told.
 */
class LongPollNoticesTest {
    private TestServer server;
    private Http http;
    private TestUser alice;
    private TestUser bob;
    private TestUser carol;
    /** The long-poll cursors of bob's device, so each poll waits for what is new. */
    private String cursors = "";

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("limits.lookupsPerMinute", "10000", "delivery.typingInterval", "1ms"));
        http = server.http();
        alice = server.user("alice");
        bob = server.user("bob");
        carol = server.user("carol");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void send(TestUser from, TestUser to) {
        assertThat(http.post("/api/messages", "{\"clientMsgId\":\"" + java.util.UUID.randomUUID() + "\",\"toId\":"
                + to.userId() + ",\"content\":{\"contentType\":1,\"body\":\"hi\"}}", from.token()).status()).isEqualTo(200);
    }

    private static String direct(TestUser a, TestUser b) {
        return "p:" + Math.min(a.userId(), b.userId()) + ":" + Math.max(a.userId(), b.userId());
    }

    /** One poll of bob's device; remembers its cursors. */
    private JsonNode poll(int waitSeconds) {
        Http.Response r = http.get("/api/sync?wait=" + waitSeconds + (cursors.isEmpty() ? "" : "&cursors=" + cursors),
                bob.token());
        assertThat(r.status()).isEqualTo(200);
        List<String> next = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.body().get("cursors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            next.add(e.getKey() + "=" + e.getValue().asLong());
        }
        cursors = String.join(",", next);
        return r.body();
    }

    /** Bob's device polls until a notice matches; every notice it got on the way, that one last. */
    private List<JsonNode> noticesUntil(Predicate<JsonNode> wanted) {
        List<JsonNode> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (JsonNode n : poll(15).get("notices")) {
                got.add(n);
                if (wanted.test(n)) {
                    return got;
                }
            }
        }
        throw new AssertionError("no such notice; got " + got);
    }

    private static Predicate<JsonNode> ofType(int type, TestUser from) {
        return n -> n.get("type").asInt() == type && n.get("userId").asLong() == from.userId();
    }

    @Test
    void aLongPollDevice_getsTypingReadAndPresence_andAHeldPollEndsOnANotice() {
        send(bob, alice);
        String conv = direct(alice, bob);
        poll(0); // bob's device is online from here, so notices are kept for it
        try (WsTestClient a = server.connect(alice)) {
            noticesUntil(n -> n.get("type").asInt() == FrameType.PRESENCE_NOTIFY
                    && n.get("userId").asLong() == alice.userId() && n.get("online").asBoolean());
            a.send(new Typing(conv));
            assertThat(noticesUntil(ofType(FrameType.TYPING_NOTIFY, alice)).get(0).get("conversationId").asText())
                    .isEqualTo(conv);
            a.send(new Read(conv, 1L));
            assertThat(noticesUntil(ofType(FrameType.READ_NOTIFY, alice)).get(0).get("seq").asLong()).isEqualTo(1);

            CompletableFuture<JsonNode> held = CompletableFuture.supplyAsync(() -> poll(15));
            a.send(new Typing(conv)); // whether it came before or during the poll, the poll answers with it
            JsonNode answer = held.join();
            assertThat(answer.get("messages")).isEmpty();
            assertThat(answer.get("notices")).anyMatch(ofType(FrameType.TYPING_NOTIFY, alice));
        }
    }

    @Test
    void receiptsNobody_keepsTheReadFromTheOtherSidesLongPoll_butTellsTheReadersOwnDevice() {
        send(bob, alice);
        String conv = direct(alice, bob);
        assertThat(http.send("PUT", "/api/me/privacy", "{\"receipts\":\"nobody\"}", alice.token()).status()).isEqualTo(200);
        poll(0);
        TestUser aliceTablet = http.login("alice", "tablet");
        try (WsTestClient a = server.connect(alice); WsTestClient tablet = server.connect(aliceTablet)) {
            a.send(new Read(conv, 1L));
            tablet.next(ReadNotify.class); // sent in the same call as a notice to bob would have been
            a.send(new Typing(conv));
            List<JsonNode> got = noticesUntil(ofType(FrameType.TYPING_NOTIFY, alice));
            assertThat(got).noneMatch(n -> n.get("type").asInt() == FrameType.READ_NOTIFY);
        }
    }

    @Test
    void aBlock_keepsTypingAndPresenceFromTheLongPollDevice_inAGroupToo() {
        send(bob, carol);
        send(bob, alice);
        long group = http.post("/api/groups", "{\"name\":\"team\",\"memberIds\":[" + bob.userId() + ","
                + carol.userId() + "]}", alice.token()).body().get("groupId").asLong();
        String conv = "g:" + group;
        assertThat(http.send("PUT", "/api/blocks/" + alice.userId(), "{}", bob.token()).status()).isEqualTo(200);
        poll(0);
        try (WsTestClient c = server.connect(carol)) {
            noticesUntil(n -> n.get("type").asInt() == FrameType.PRESENCE_NOTIFY && n.get("userId").asLong() == carol.userId());
            try (WsTestClient a = server.connect(alice)) {
                a.send(new Typing(conv));
                c.next(TypingNotify.class, t -> t.userId() == alice.userId());
                c.send(new Typing(conv));
                List<JsonNode> got = noticesUntil(ofType(FrameType.TYPING_NOTIFY, carol));
                assertThat(got).noneMatch(n -> n.get("userId").asLong() == alice.userId());
            }
        }
    }

    @Test
    void presenceNobody_keepsPresenceFromTheLongPollDevice() {
        send(bob, alice);
        send(bob, carol);
        poll(0); // bob's device is online from here, so notices are kept for it
        assertThat(http.send("PUT", "/api/me/privacy", "{\"presence\":\"nobody\"}", alice.token()).status()).isEqualTo(200);
        // the change itself is announced once, asynchronously: who may no longer see alice is told she is offline
        noticesUntil(n -> n.get("type").asInt() == FrameType.PRESENCE_NOTIFY
                && n.get("userId").asLong() == alice.userId() && !n.get("online").asBoolean());
        server.connect(alice).close();
        // alice's notices, had there been any, were queued before carol's
        try (WsTestClient c = server.connect(carol)) {
            List<JsonNode> got = noticesUntil(n -> n.get("type").asInt() == FrameType.PRESENCE_NOTIFY
                    && n.get("userId").asLong() == carol.userId());
            assertThat(got).noneMatch(n -> n.get("userId").asLong() == alice.userId());
        }
    }
}
