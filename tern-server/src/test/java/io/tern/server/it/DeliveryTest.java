package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ConversationSummary;
import io.tern.protocol.Kick;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.TernServer;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.CursorUpdate;
import io.tern.server.core.message.Draft;
import io.tern.server.support.FakeTicker;
import io.tern.server.support.ForwardingMessageStore;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ack, retry, the ack deadline, and catch-up by cursor for a receiver that was offline. */
class DeliveryTest {
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unackedPush_isRetriedThenConnectionClosedAfterDeadline() {
        server = TestServer.start(Map.of("session.retryInitial", "200ms", "session.retryMax", "400ms",
                "session.ackDeadline", "1500ms"));
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            a.send(ChatTest.chat("r", bob.userId(), "ack me"));
            ChatResp resp = a.next(ChatResp.class);
            ChatPush first = b.next(ChatPush.class);
            ChatPush again = b.next(ChatPush.class);
            assertThat(again).isEqualTo(first);
            assertThat(first.msgId()).isEqualTo(resp.msgId());
            assertThat(b.next(Kick.class).reason()).isEqualTo(Kick.ACK_TIMEOUT);
            b.closed().join();
        }
    }

    @Test
    void ackedPush_isNotRetried() {
        FakeTicker ticker = new FakeTicker();
        server = TestServer.start(Map.of("session.retryInitial", "1s", "session.retryMax", "4s",
                "session.ackDeadline", "10s"), TernServer.Environment.system().withTicker(ticker));
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            a.send(ChatTest.chat("1", bob.userId(), "one"));
            a.send(ChatTest.chat("2", bob.userId(), "two"));
            ChatPush one = b.next(ChatPush.class, p -> p.seq() == 1);
            ChatPush two = b.next(ChatPush.class, p -> p.seq() == 2);
            b.send(new Ack(one.msgId(), null, null, null));
            b.send(Ack.of(two.conversationId(), 2));
            a.send(ChatTest.chat("3", bob.userId(), "three"));
            ChatPush three = b.next(ChatPush.class, p -> p.seq() == 3); // after the acks on the same connection
            // the retry of 1 and 2 is due now, and 3's: retries go out in seq order, so once 3's re-push is here
            // any re-push of 1 or 2 would be here before it
            ticker.advance(Duration.ofSeconds(1));
            assertThat(b.next(ChatPush.class, p -> p.seq() == 3)).isEqualTo(three);
            assertThat(b.skipped()).noneMatch(f -> f instanceof ChatPush p && p.seq() < 3);
            b.send(Ack.of(three.conversationId(), 3));
            ticker.advance(Duration.ofSeconds(20)); // far past the ack deadline, with nothing unacked
            b.assertNoFrame(ChatPush.class);
            b.assertNoFrame(Kick.class);
            assertThat(b.isClosed()).isFalse();
        }
    }

    @Test
    void cumulativeAck_beyondLastSeq_isClampedBeforeItReachesTheWriter() {
        List<CursorUpdate> written = new CopyOnWriteArrayList<>();
        server = TestServer.start(Map.of(), TernServer.Environment.system().withMessageStore(real ->
                new ForwardingMessageStore(real) {
                    @Override
                    public List<Appended> commit(List<Draft> drafts, List<CursorUpdate> cursors, long now,
                                                 Supplier<String> msgIds) {
                        written.addAll(cursors);
                        return super.commit(drafts, cursors, now, msgIds);
                    }
                }));
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            a.send(ChatTest.chat("1", bob.userId(), "one"));
            assertThat(a.next(ChatResp.class).seq()).isEqualTo(1); // taken now, so the next ChatResp is message 2's
            ChatPush one = b.next(ChatPush.class);
            b.send(Ack.of(one.conversationId(), 9_007_199_254_740_000L));
            await().until(() -> written.stream().anyMatch(c -> c.userId() == bob.userId()));
            assertThat(written).filteredOn(c -> c.userId() == bob.userId())
                    .allSatisfy(c -> assertThat(c.deliveredSeq()).isEqualTo(1));
            // the cursor covers message 1 only: a message committed later is still owed to bob's devices
            a.send(ChatTest.chat("2", bob.userId(), "two"));
            assertThat(a.next(ChatResp.class).seq()).isEqualTo(2); // committed before the phone asks
            try (WsTestClient phone = WsTestClient.connect(server.wsUrl() + "?token="
                    + server.http().login("bob", "phone").token())) {
                phone.send(new Sync(null, "s"));
                ConversationSummary owed = phone.next(SyncResp.class).conversations().get(0);
                assertThat(owed.afterSeq()).isEqualTo(1);
                assertThat(owed.count()).isEqualTo(1);
            }
        }
    }

    @Test
    void offlineReceiver_catchesUpOnThousandMessagesByCursor() {
        server = TestServer.start();
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        String conversation;
        try (WsTestClient a = server.connect(alice)) {
            for (int i = 0; i < 1000; i++) {
                a.send(ChatTest.chat("m" + i, bob.userId(), "message " + i));
            }
            ChatResp last = null;
            for (int i = 0; i < 1000; i++) {
                last = a.next(ChatResp.class);
            }
            conversation = last.conversationId();
            assertThat(last.seq()).isEqualTo(1000);
        }
        try (WsTestClient b = server.connect(bob)) {
            b.send(new Sync(null, "s1"));
            SyncResp sync = b.next(SyncResp.class);
            assertThat(sync.reqId()).isEqualTo("s1");
            assertThat(sync.conversations()).hasSize(1);
            ConversationSummary summary = sync.conversations().get(0);
            assertThat(summary.conversationId()).isEqualTo(conversation);
            assertThat(summary.afterSeq()).isZero();
            assertThat(summary.count()).isEqualTo(1000);
            assertThat(summary.lastSeq()).isEqualTo(1000);
            assertThat(summary.bytes()).isGreaterThan(1000 * 30);
            assertThat(summary.last().seq()).isEqualTo(1000);

            List<ChatPush> got = b.pullAll(conversation, summary.afterSeq(), null);
            assertThat(got).extracting(ChatPush::seq).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 1000).boxed().toList());
            assertThat(got.get(999).content().tree().get("body").asText()).isEqualTo("message 999");
            b.send(new Ack(null, conversation, 1000L, true));
            b.next(io.tern.protocol.AckResp.class);
        }
        try (WsTestClient b = server.connect(bob)) {
            // awaiting: the delivered cursor is written by the next group commit
            org.awaitility.Awaitility.await().untilAsserted(() -> {
                b.send(new Sync(null, null));
                assertThat(b.next(SyncResp.class).conversations()).isEmpty();
            });
            b.send(new Sync(Map.of(conversation, 990L), null));
            ConversationSummary partial = b.next(SyncResp.class).conversations().get(0);
            assertThat(partial.afterSeq()).isEqualTo(990);
            assertThat(partial.count()).isEqualTo(10);
        }
    }

    @Test
    void syncWithCursors_offersConversationsTheDeviceDoesNotList() {
        server = TestServer.start();
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        TestUser carol = server.user("carol");
        try (WsTestClient a = server.connect(alice); WsTestClient c = server.connect(carol)) {
            a.send(ChatTest.chat("1", bob.userId(), "from alice"));
            a.next(ChatResp.class);
            c.send(ChatTest.chat("1", bob.userId(), "from carol"));
            c.next(ChatResp.class);
        }
        String withAlice = "p:" + alice.userId() + ":" + bob.userId();
        try (WsTestClient b = server.connect(bob)) {
            b.send(new Sync(Map.of(withAlice, 1L), null));
            SyncResp resp = b.next(SyncResp.class);
            assertThat(resp.conversations()).extracting(ConversationSummary::conversationId)
                    .containsExactly("p:" + bob.userId() + ":" + carol.userId());
        }
    }

    @Test
    void ownMessages_areNeitherUnreadNorOfferedToCursorlessSync() {
        server = TestServer.start();
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice)) {
            for (int i = 1; i <= 3; i++) {
                a.send(ChatTest.chat("o" + i, bob.userId(), "o" + i));
                a.next(ChatResp.class);
            }
            a.send(new Sync(null, null));
            assertThat(a.next(SyncResp.class).conversations()).isEmpty();
        }
        var mine = server.http().get("/api/conversations", alice.token()).body().get("conversations").get(0);
        assertThat(mine.get("unread").asLong()).isZero();
        assertThat(mine.get("readSeq").asLong()).isEqualTo(3);
        var theirs = server.http().get("/api/conversations", bob.token()).body().get("conversations").get(0);
        assertThat(theirs.get("unread").asLong()).isEqualTo(3);
    }

    @Test
    void historyPaging_backwardsOverHttpAndPull() {
        server = TestServer.start();
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice)) {
            for (int i = 1; i <= 25; i++) {
                a.send(ChatTest.chat("h" + i, bob.userId(), "h" + i));
                a.next(ChatResp.class);
            }
            String conv = "p:" + alice.userId() + ":" + bob.userId();
            var newest = server.http().get("/api/conversations/" + conv + "/messages?limit=10", bob.token()).body();
            assertThat(newest.get("messages")).hasSize(10);
            assertThat(newest.get("messages").get(0).get("seq").asLong()).isEqualTo(16);
            assertThat(newest.get("messages").get(9).get("seq").asLong()).isEqualTo(25);
            assertThat(newest.get("hasMore").asBoolean()).isTrue();
            var older = server.http().get("/api/conversations/" + conv + "/messages?beforeSeq=16&limit=10",
                    bob.token()).body();
            assertThat(older.get("messages").get(0).get("seq").asLong()).isEqualTo(6);
            var oldest = server.http().get("/api/conversations/" + conv + "/messages?beforeSeq=6&limit=10",
                    bob.token()).body();
            assertThat(oldest.get("messages")).hasSize(5);
            assertThat(oldest.get("hasMore").asBoolean()).isFalse();

            a.send(new Pull(conv, null, 3L, 10, "h"));
            PullResp page = a.next(PullResp.class);
            assertThat(page.messages()).extracting(ChatPush::seq).containsExactly(1L, 2L);
            assertThat(page.hasMore()).isFalse();
        }
    }

    @Test
    void conversationList_showsUnreadAndLastMessage_onlyToMembers() {
        server = TestServer.start();
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        TestUser eve = server.user("eve");
        try (WsTestClient a = server.connect(alice)) {
            for (int i = 1; i <= 3; i++) {
                a.send(ChatTest.chat("u" + i, bob.userId(), "u" + i));
                a.next(ChatResp.class);
            }
        }
        var list = server.http().get("/api/conversations", bob.token());
        assertThat(list.status()).isEqualTo(200);
        var entry = list.body().get("conversations").get(0);
        assertThat(entry.get("lastSeq").asLong()).isEqualTo(3);
        assertThat(entry.get("unread").asLong()).isEqualTo(3);
        assertThat(entry.get("lastMessage").get("content").get("body").asText()).isEqualTo("u3");

        String conv = entry.get("conversationId").asText();
        var forbidden = server.http().get("/api/conversations/" + conv + "/messages", eve.token());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().get("error").get("code").asText()).isEqualTo("NOT_A_MEMBER");
        try (WsTestClient e = server.connect(eve)) {
            e.send(Pull.after(conv, 0, null));
            assertThat(e.next(io.tern.protocol.ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
        }
        assertThat(server.http().get("/api/conversations", eve.token()).body().get("conversations")).isEmpty();
    }
}
