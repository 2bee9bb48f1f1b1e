package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.ErrorFrame;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatTest {
    private TestServer server;
    private TestUser alice;
    private TestUser bob;
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
        alice = server.user("alice");
        bob = server.user("bob");
    }

    @AfterEach
    void stop() {
        clients.forEach(WsTestClient::close);
        server.close();
    }

    private WsTestClient connect(TestUser user) {
        WsTestClient c = server.connect(user);
        clients.add(c);
        return c;
    }

    static String chat(String clientMsgId, long toId, String body) {
        return io.tern.server.support.Frames.chat(clientMsgId, toId, body);
    }

    @Test
    void chat_bothWays_respAfterCommitAndPushWithAllFields() {
        WsTestClient a = connect(alice);
        WsTestClient b = connect(bob);
        String conversation = "p:" + alice.userId() + ":" + bob.userId();

        a.send(chat("c1", bob.userId(), "hi bob"));
        ChatResp resp = a.next(ChatResp.class);
        assertThat(resp.clientMsgId()).isEqualTo("c1");
        assertThat(resp.conversationId()).isEqualTo(conversation);
        assertThat(resp.seq()).isEqualTo(1);
        assertThat(resp.msgId()).isNotBlank();

        ChatPush atBob = b.next(ChatPush.class);
        assertThat(atBob.msgId()).isEqualTo(resp.msgId());
        assertThat(atBob.seq()).isEqualTo(1);
        assertThat(atBob.fromId()).isEqualTo(alice.userId());
        assertThat(atBob.toId()).isEqualTo(bob.userId());
        assertThat(atBob.ts()).isEqualTo(resp.ts());
        assertThat(atBob.content().tree().get("body").asText()).isEqualTo("hi bob");
        b.send(Ack.of(conversation, 1));

        b.send(chat("c1", alice.userId(), "hi alice"));
        assertThat(b.next(ChatResp.class).seq()).isEqualTo(2);
        ChatPush atAlice = a.next(ChatPush.class);
        assertThat(atAlice.seq()).isEqualTo(2);
        assertThat(atAlice.fromId()).isEqualTo(bob.userId());
    }

    @Test
    void seqs_areGaplessAndPushedInOrder() {
        WsTestClient a = connect(alice);
        WsTestClient b = connect(bob);
        for (int i = 0; i < 200; i++) {
            a.send(chat("m" + i, bob.userId(), "n" + i));
        }
        for (int i = 1; i <= 200; i++) {
            assertThat(a.next(ChatResp.class).seq()).isEqualTo(i);
            ChatPush p = b.next(ChatPush.class);
            while (p.seq() < i) {
                p = b.next(ChatPush.class); // a re-push of an earlier seq: on a slow machine its ack came late
            }
            assertThat(p.seq()).isEqualTo(i);
            assertThat(p.content().tree().get("body").asText()).isEqualTo("n" + (i - 1));
            // acked as it arrives, as a client does, so re-pushes stay rare
            b.send("{\"type\":90,\"conversationId\":\"" + p.conversationId() + "\",\"seq\":" + p.seq() + "}");
        }
    }

    @Test
    void multiDevice_pushReachesEveryOtherDeviceButNotTheSendingOne() {
        TestUser alicePhone = server.http().login("alice", "phone");
        TestUser bobLaptop = server.http().login("bob", "laptop");
        TestUser bobPhone = server.http().login("bob", "phone");
        WsTestClient a1 = connect(alice);
        WsTestClient a2 = connect(alicePhone);
        WsTestClient b1 = connect(bobLaptop);
        WsTestClient b2 = connect(bobPhone);

        a1.send(chat("x", bob.userId(), "to all devices"));
        ChatResp resp = a1.next(ChatResp.class);

        for (WsTestClient other : List.of(a2, b1, b2)) {
            assertThat(other.next(ChatPush.class).msgId()).isEqualTo(resp.msgId());
        }
        a1.assertNoFrame(ChatPush.class);
    }

    @Test
    void resend_sameClientMsgId_returnsOriginalAndStoresNothingNew() {
        WsTestClient a = connect(alice);
        WsTestClient b = connect(bob);
        a.send(chat("same", bob.userId(), "once"));
        ChatResp first = a.next(ChatResp.class);
        a.send(chat("same", bob.userId(), "once"));
        ChatResp second = a.next(ChatResp.class);
        a.send(chat("next", bob.userId(), "two"));
        ChatResp third = a.next(ChatResp.class);

        assertThat(second).isEqualTo(first);
        assertThat(third.seq()).isEqualTo(first.seq() + 1);
        assertThat(b.next(ChatPush.class).seq()).isEqualTo(1);
        assertThat(b.next(ChatPush.class).seq()).isEqualTo(2);
        var history = server.http().get("/api/conversations/" + first.conversationId() + "/messages", alice.token());
        assertThat(history.body().get("messages")).hasSize(2);
    }

    @Test
    void resend_withinOneBatch_isStillStoredOnce() {
        WsTestClient a = connect(alice);
        for (int i = 0; i < 50; i++) {
            a.send(chat("burst", bob.userId(), "same"));
        }
        ChatResp first = a.next(ChatResp.class);
        for (int i = 1; i < 50; i++) {
            assertThat(a.next(ChatResp.class)).isEqualTo(first);
        }
        var history = server.http().get("/api/conversations/" + first.conversationId() + "/messages", alice.token());
        assertThat(history.body().get("messages")).hasSize(1);
    }

    @Test
    void fromIdOfAnotherUser_isRefused() {
        WsTestClient a = connect(alice);
        a.send("{\"type\":80,\"clientMsgId\":\"f\",\"toId\":" + bob.userId() + ",\"fromId\":" + bob.userId()
                + ",\"content\":{\"contentType\":1,\"body\":\"spoof\"}}");
        ErrorFrame error = a.next(ErrorFrame.class);
        assertThat(error.error()).isEqualTo(ErrorCode.FORBIDDEN_SENDER.name());
        assertThat(error.clientMsgId()).isEqualTo("f");
    }

    @Test
    void toUnknownUser_isNoSuchUserAndStoresNothing() {
        WsTestClient a = connect(alice);
        a.send(chat("u", 999_999, "anyone?"));
        ErrorFrame error = a.next(ErrorFrame.class);
        assertThat(error.code()).isEqualTo(ErrorCode.NO_SUCH_USER.code());
        assertThat(error.clientMsgId()).isEqualTo("u");
        assertThat(server.http().get("/api/conversations", alice.token()).body().get("conversations")).isEmpty();
        a.send(chat("ok", bob.userId(), "still works"));
        assertThat(a.next(ChatResp.class).seq()).isEqualTo(1);
    }

    @Test
    void contentOverLimit_isContentTooLarge() {
        server.close();
        server = TestServer.start(java.util.Map.of("delivery.maxContentBytes", "100"));
        alice = server.user("alice");
        bob = server.user("bob");
        WsTestClient a = connect(alice);
        a.send(chat("big", bob.userId(), "x".repeat(200)));
        ErrorFrame error = a.next(ErrorFrame.class);
        assertThat(error.error()).isEqualTo("CONTENT_TOO_LARGE");
        assertThat(error.clientMsgId()).isEqualTo("big");
    }

    @Test
    void contentOfAFutureType_isStoredAndDeliveredVerbatim() throws Exception {
        WsTestClient a = connect(alice);
        WsTestClient b = connect(bob);
        String content = "{\"contentType\":42,\"url\":\"https://cdn/x.png\",\"pic\":{\"w\":640,\"h\":480},\"memo\":\"\\u00e9\\\"<b>\"}";
        a.send("{\"type\":80,\"clientMsgId\":\"img\",\"toId\":" + bob.userId() + ",\"content\":" + content + "}");
        a.next(ChatResp.class);
        ChatPush push = b.next(ChatPush.class);
        assertThat(push.content().tree()).isEqualTo(io.tern.protocol.FrameCodec.mapper().readTree(content));
    }
}
