package io.tern.server.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Read;
import io.tern.protocol.ReadNotify;
import io.tern.protocol.Typing;
import io.tern.protocol.TypingNotify;
import io.tern.server.support.Frames;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Blocking, from both sides: bob blocks alice. Alice (the blocked) cannot start or continue a direct chat and
 * is told only RECIPIENT_REFUSED; she sees no presence, last-seen, typing or read receipt of bob. Bob (the
 * blocker) gets nothing from her and cannot write to her until he unblocks. Runs on PostgreSQL too.
 */
class BlockingTest {
    private TestServer server;
    private Http http;
    private TestUser alice;
    private TestUser bob;
    private TestUser carol;
    private String conv;
    private int sent;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("limits.lookupsPerMinute", "10000"));
        http = server.http();
        alice = server.user("alice");
        bob = server.user("bob");
        carol = server.user("carol");
        conv = "p:" + alice.userId() + ":" + bob.userId();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Http.Response send(TestUser from, TestUser to, String body) {
        return http.post("/api/messages", "{\"clientMsgId\":\"h" + (++sent) + "\",\"toId\":" + to.userId()
                + ",\"content\":{\"contentType\":1,\"body\":\"" + body + "\"}}", from.token());
    }

    private void block(TestUser who, TestUser whom) {
        assertThat(http.send("PUT", "/api/blocks/" + whom.userId(), "{}", who.token()).status()).isEqualTo(200);
    }

    private static String code(Http.Response r) {
        return r.body().get("error").get("code").asText();
    }

    @Test
    void theBlocked_cannotStartAChat_andIsToldOnlyThatTheRecipientRefuses() {
        block(bob, alice);
        Http.Response refused = send(alice, bob, "hi");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(code(refused)).isEqualTo("RECIPIENT_REFUSED");
        assertThat(refused.body().get("error").get("message").asText()).doesNotContain("block");
        // nothing was stored: no conversation on either side
        assertThat(http.get("/api/conversations", bob.token()).body().get("conversations")).isEmpty();
        assertThat(http.get("/api/conversations", alice.token()).body().get("conversations")).isEmpty();
        // the blocker is told why he cannot write
        Http.Response own = send(bob, alice, "hi");
        assertThat(own.status()).isEqualTo(403);
        assertThat(code(own)).isEqualTo("USER_BLOCKED");
        assertThat(http.get("/api/blocks", bob.token()).body().get("userIds").toString())
                .isEqualTo("[" + alice.userId() + "]");
        assertThat(http.get("/api/blocks", alice.token()).body().get("userIds")).isEmpty();
    }

    @Test
    void aBlock_stopsAnOngoingChat_overWebSocket_bothWays_untilUnblocked() {
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            a.send(Frames.chat("w1", bob.userId(), "before"));
            assertThat(a.next(ChatResp.class).seq()).isEqualTo(1);
            assertThat(b.next(ChatPush.class).seq()).isEqualTo(1);
            b.send(new io.tern.protocol.Ack(null, conv, 1L, null)); // no re-push of seq 1 to confuse what follows
            a.send(new io.tern.protocol.Ack(null, conv, 1L, null));

            block(bob, alice);
            a.send(Frames.chat("w2", bob.userId(), "after"));
            ErrorFrame refused = a.next(ErrorFrame.class);
            assertThat(refused.error()).isEqualTo("RECIPIENT_REFUSED");
            assertThat(refused.clientMsgId()).isEqualTo("w2");
            b.send(Frames.chat("w3", alice.userId(), "from the blocker"));
            assertThat(b.next(ErrorFrame.class).error()).isEqualTo("USER_BLOCKED");
            b.assertNoFrame(ChatPush.class);
            a.assertNoFrame(ChatPush.class);
            // the refused sends took no seq: the next stored message is seq 2
            assertThat(http.get("/api/conversations/" + conv + "/messages", bob.token()).body().get("messages"))
                    .hasSize(1);

            assertThat(http.delete("/api/blocks/" + alice.userId(), bob.token()).status()).isEqualTo(200);
            a.send(Frames.chat("w4", bob.userId(), "again"));
            assertThat(a.next(ChatResp.class).seq()).isEqualTo(2);
            assertThat(b.next(ChatPush.class, p -> p.seq() > 1).seq()).isEqualTo(2);
        }
    }

    @Test
    void theBlockedSeesNoPresenceOrLastSeenOfTheBlocker_andTheBlockerNoneOfTheBlocked() {
        assertThat(send(alice, bob, "we talked once").status()).isEqualTo(200);
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            String bobPresence = "/api/presence?userIds=" + bob.userId();
            assertThat(http.get(bobPresence, alice.token()).body().get("presence")).hasSize(1);
            assertThat(http.get("/api/users/bob", alice.token()).body().has("online")).isTrue();

            block(bob, alice);
            assertThat(http.get(bobPresence, alice.token()).body().get("presence")).isEmpty();
            assertThat(http.get("/api/users/bob", alice.token()).body().has("online")).isFalse();
            JsonNode online = http.get("/api/users/online", alice.token()).body().get("users");
            assertThat(online).extracting(u -> u.get("userId").asLong()).containsExactly(alice.userId());
            // and the other way
            assertThat(http.get("/api/presence?userIds=" + alice.userId(), bob.token()).body().get("presence")).isEmpty();
            assertThat(http.get("/api/users/online", bob.token()).body().get("users"))
                    .extracting(u -> u.get("userId").asLong()).containsExactly(bob.userId());
        }
    }

    @Test
    void noTypingOrReadReceipts_crossABlock_eitherWay_directAndInAGroup() {
        assertThat(send(alice, bob, "hello").status()).isEqualTo(200);
        long g = http.post("/api/groups", "{\"name\":\"g\",\"memberIds\":[" + bob.userId() + "," + carol.userId()
                + "]}", alice.token()).body().get("groupId").asLong();
        String group = "g:" + g;
        block(bob, alice);
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob);
             WsTestClient c = server.connect(carol)) {
            b.send(new Typing(conv));
            b.send(new Read(conv, 1L));
            a.send(new Typing(conv));
            b.send(new Typing(group));
            assertThat(c.next(TypingNotify.class)).isEqualTo(new TypingNotify(group, bob.userId()));
            a.send(new Typing(group));
            assertThat(c.next(TypingNotify.class)).isEqualTo(new TypingNotify(group, alice.userId()));
            a.assertNoFrame(TypingNotify.class);
            a.assertNoFrame(ReadNotify.class);
            b.assertNoFrame(TypingNotify.class);
            // bob's receipt is stored (his own unread count moves) but alice is not told who read
            await().untilAsserted(() -> {
                JsonNode list = http.get("/api/conversations", bob.token()).body().get("conversations");
                JsonNode direct = null;
                for (JsonNode entry : list) {
                    direct = conv.equals(entry.get("conversationId").asText()) ? entry : direct;
                }
                assertThat(direct.get("readSeq").asLong()).isEqualTo(1);
            });
            JsonNode reads = http.get("/api/conversations/" + conv + "/reads?seq=1", alice.token()).body();
            assertThat(reads.get("readers")).isEmpty();
        }
    }

    @Test
    void blockingYourselfOrNobody_isRefused() {
        Http.Response self = http.send("PUT", "/api/blocks/" + alice.userId(), "{}", alice.token());
        assertThat(self.status()).isEqualTo(400);
        assertThat(code(self)).isEqualTo("INVALID_FIELD");
        Http.Response nobody = http.send("PUT", "/api/blocks/999999", "{}", alice.token());
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(code(nobody)).isEqualTo("NO_SUCH_USER");
    }
}
