package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Read;
import io.tern.protocol.ReadNotify;
import io.tern.protocol.Typing;
import io.tern.protocol.TypingNotify;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unread counts, read receipts across devices, read counts in groups, typing, online users. */
class ReceiptsTest {
    private TestServer server;
    private TestUser alice;
    private TestUser bob;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("delivery.typingInterval", "1h"));
        alice = server.user("alice");
        bob = server.user("bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode conversation(TestUser user) {
        return server.http().get("/api/conversations", user.token()).body().get("conversations").get(0);
    }

    @Test
    void read_movesUnread_syncsOtherDevices_andTellsThePeer() {
        TestUser alicePhone = server.http().login("alice", "phone");
        try (WsTestClient b = server.connect(bob); WsTestClient a1 = server.connect(alice);
             WsTestClient a2 = server.connect(alicePhone)) {
            for (int i = 1; i <= 5; i++) {
                b.send(ChatTest.chat("r" + i, alice.userId(), "r" + i));
                b.next(ChatResp.class);
            }
            String conv = "p:" + alice.userId() + ":" + bob.userId();
            assertThat(conversation(alice).get("unread").asLong()).isEqualTo(5);

            a1.send(new Read(conv, 3L));
            assertThat(a2.next(ReadNotify.class)).isEqualTo(new ReadNotify(conv, alice.userId(), 3));
            assertThat(b.next(ReadNotify.class)).isEqualTo(new ReadNotify(conv, alice.userId(), 3));
            a1.assertNoFrame(ReadNotify.class);
            await().untilAsserted(() -> assertThat(conversation(alice).get("unread").asLong()).isEqualTo(2));

            // beyond the last seq: stored and told as the last seq, never as the number sent
            a2.send(new Read(conv, 1_000_000L));
            assertThat(b.next(ReadNotify.class)).isEqualTo(new ReadNotify(conv, alice.userId(), 5));
            assertThat(a1.next(ReadNotify.class)).isEqualTo(new ReadNotify(conv, alice.userId(), 5));
            a2.assertNoFrame(ReadNotify.class);
            await().untilAsserted(() -> assertThat(conversation(alice).get("unread").asLong()).isZero());
            assertThat(conversation(alice).get("readSeq").asLong()).isEqualTo(5);
        }
    }

    @Test
    void readNotify_ofAnOutOfRangeSeq_carriesTheLastSeq_inGroupsToo() {
        long g = server.http().post("/api/groups", "{\"name\":\"t\",\"memberIds\":[" + bob.userId() + "]}",
                alice.token()).body().get("groupId").asLong();
        String conv = "g:" + g;
        TestUser bobPhone = server.http().login("bob", "phone");
        try (WsTestClient a = server.connect(alice); WsTestClient b1 = server.connect(bob);
             WsTestClient b2 = server.connect(bobPhone)) {
            a.send(GroupTest.groupChat("q", g, "hello"));
            long seq = a.next(ChatResp.class).seq();
            b1.send(new Read(conv, 9_007_199_254_740_000L));
            assertThat(b2.next(ReadNotify.class)).isEqualTo(new ReadNotify(conv, bob.userId(), seq));
            a.assertNoFrame(ReadNotify.class); // in a group only the reader's own devices are told
        }
    }

    @Test
    void readAndTyping_inAOneToOneConversationNeverCreated_areRefused_andReachNobody() {
        String conv = "p:" + alice.userId() + ":" + bob.userId();
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            a.send(new Typing(conv));
            assertThat(a.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
            a.send(new Read(conv, 3L));
            assertThat(a.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
            b.assertNoFrame(TypingNotify.class);
            b.assertNoFrame(ReadNotify.class);
            // once a message is committed the conversation exists, and both work
            b.send(ChatTest.chat("first", alice.userId(), "hi"));
            b.next(ChatResp.class);
            a.send(new Typing(conv));
            assertThat(b.next(TypingNotify.class)).isEqualTo(new TypingNotify(conv, alice.userId()));
            a.send(new Read(conv, 3L));
            assertThat(b.next(ReadNotify.class)).isEqualTo(new ReadNotify(conv, alice.userId(), 1));
        }
    }

    @Test
    void typing_onUnknownGroups_isRefused_andCachesNoGroup() {
        try (WsTestClient a = server.connect(alice)) {
            for (int i = 1; i <= 300; i++) {
                a.send(new Typing("g:" + (1_000_000 + i)));
            }
            for (int i = 1; i <= 300; i++) {
                assertThat(a.next(ErrorFrame.class).error()).isIn("NOT_A_MEMBER", "RATE_LIMITED");
            }
        }
        assertThat(io.tern.server.support.Scrape.value(server.port(), "tern_groups_cached")).isZero();
    }

    @Test
    void groupReadCount_andWhoRead() {
        TestUser carol = server.user("carol");
        long g = server.http().post("/api/groups", "{\"name\":\"t\",\"memberIds\":[" + bob.userId() + "," + carol.userId()
                + "]}", alice.token()).body().get("groupId").asLong();
        String conv = "g:" + g;
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            a.send(GroupTest.groupChat("q", g, "did you read this?"));
            long seq = a.next(ChatResp.class).seq();
            assertThat(server.http().get("/api/conversations/" + conv + "/reads?seq=" + seq, alice.token())
                    .body().get("readCount").asInt()).isZero();
            b.send(new Read(conv, seq));
            await().untilAsserted(() -> {
                JsonNode reads = server.http().get("/api/conversations/" + conv + "/reads?seq=" + seq, alice.token()).body();
                assertThat(reads.get("readCount").asInt()).isEqualTo(1);
                assertThat(reads.get("readers")).extracting(JsonNode::asLong).containsExactly(bob.userId());
            });
            TestUser eve = server.user("eve");
            assertThat(server.http().get("/api/conversations/" + conv + "/reads?seq=" + seq, eve.token()).status())
                    .isEqualTo(403);
        }
    }

    @Test
    void typing_reachesThePeerOnce_perInterval_andOnlyMembersMayType() {
        TestUser eve = server.user("eve");
        String conv = "p:" + alice.userId() + ":" + bob.userId();
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob);
             WsTestClient e = server.connect(eve)) {
            b.send(ChatTest.chat("hello", alice.userId(), "hello")); // the conversation exists from its first message
            b.next(ChatResp.class);
            a.send(new Typing(conv));
            assertThat(b.next(TypingNotify.class)).isEqualTo(new TypingNotify(conv, alice.userId()));
            a.send(new Typing(conv));
            b.assertNoFrame(TypingNotify.class);
            a.assertNoFrame(TypingNotify.class);
            e.send(new Typing(conv));
            assertThat(e.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
            e.send(new Read(conv, 1L));
            assertThat(e.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
        }
    }

}
