package io.tern.server.it;

import static io.tern.server.support.Frames.chat;
import static io.tern.server.support.Frames.groupChat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer is the single authority of a conversation: idempotency is decided on the content, every message
 * reaches exactly the members of its seq (whatever the caches, restarts or resends), every membership window
 * stays visible, and group rules hold under concurrent requests.
 */
class WriterAuthorityTest {
    private static final Map<String, String> LIMIT_10 = Map.of("delivery.maxGroupMembers", "10");

    private Path dataDir;
    private TestServer server;
    private final List<WsTestClient> clients = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        clients.forEach(WsTestClient::close);
        if (server != null) {
            server.close();
        }
    }

    private void start() throws Exception {
        dataDir = Files.createTempDirectory("tern-writer");
        server = TestServer.start(dataDir, LIMIT_10);
    }

    /** Stops the server without deleting its data and starts a new one on the same directory: every cache is empty. */
    private void restart() {
        server.server().close();
        server = TestServer.start(dataDir, LIMIT_10);
    }

    private WsTestClient connect(TestUser user) {
        WsTestClient c = server.connect(user);
        clients.add(c);
        return c;
    }

    private Http.Response post(TestUser as, String path, String body) {
        return server.http().post(path, body, as.token());
    }

    private long createGroup(TestUser owner, List<TestUser> members, boolean open) {
        String ids = String.join(",", members.stream().map(u -> Long.toString(u.userId())).toList());
        Http.Response r = post(owner, "/api/groups", "{\"name\":\"g\",\"open\":" + open + ",\"memberIds\":[" + ids + "]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("groupId").asLong();
    }

    private static Frame answer(WsTestClient c) {
        return c.next(Frame.class, f -> f instanceof ChatResp || f instanceof ErrorFrame);
    }

    // ---- item 2: idempotency decided on the content ----

    @Test
    void sameClientMsgIdWithOtherRecipientOrContent_isIdempotencyConflict_trueResendGetsTheOriginal() throws Exception {
        start();
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        TestUser carol = server.user("carol");
        WsTestClient a = connect(alice);
        a.send(chat("k1", bob.userId(), "hello bob"));
        ChatResp original = a.next(ChatResp.class);

        a.send(chat("k1", carol.userId(), "hello bob"));
        assertThat(answer(a)).isInstanceOfSatisfying(ErrorFrame.class, e -> {
            assertThat(e.error()).isEqualTo("IDEMPOTENCY_CONFLICT");
            assertThat(e.code()).isEqualTo(1018);
            assertThat(e.clientMsgId()).isEqualTo("k1");
        });
        a.send(chat("k1", bob.userId(), "something else"));
        assertThat(answer(a)).isInstanceOfSatisfying(ErrorFrame.class,
                e -> assertThat(e.error()).isEqualTo("IDEMPOTENCY_CONFLICT"));

        a.send(chat("k1", bob.userId(), "hello bob"));
        assertThat(answer(a)).isInstanceOfSatisfying(ChatResp.class, r -> {
            assertThat(r.msgId()).isEqualTo(original.msgId());
            assertThat(r.seq()).isEqualTo(original.seq());
        });

        String body = "{\"clientMsgId\":\"k1\",\"toId\":" + carol.userId()
                + ",\"content\":{\"contentType\":1,\"body\":\"hello bob\"}}";
        Http.Response conflict = server.http().post("/api/messages", body, alice.token());
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("error").get("code").asText()).isEqualTo("IDEMPOTENCY_CONFLICT");
        Http.Response resend = server.http().post("/api/messages", body.replace(Long.toString(carol.userId()),
                Long.toString(bob.userId())), alice.token());
        assertThat(resend.status()).isEqualTo(200);
        assertThat(resend.body().get("msgId").asText()).isEqualTo(original.msgId());

        // nothing of the conflicting sends was stored anywhere
        assertThat(seqs(history(carol, "p:" + Math.min(alice.userId(), carol.userId()) + ":"
                + Math.max(alice.userId(), carol.userId())))).isEmpty();
        assertThat(seqs(history(bob, original.conversationId()))).containsExactly(original.seq());
    }

    // ---- item 1: recipients fixed at commit; every window visible ----

    @Test
    void resendAfterRestart_reachesOnlyTheMembersOfItsSeq_notOneAddedLater() throws Exception {
        // each TestServer gets a fresh PostgreSQL database, so a restart keeps nothing there
        org.junit.jupiter.api.Assumptions.assumeFalse("postgres".equalsIgnoreCase(System.getProperty("tern.test.store")));
        start();
        TestUser owner = server.user("owner");
        TestUser ann = server.user("ann");
        TestUser cat = server.user("cat");
        long g = createGroup(owner, List.of(ann), false);
        WsTestClient o = connect(owner);
        o.send(groupChat("before-cat", g, "for ann only"));
        assertThat(o.next(ChatResp.class).seq()).isEqualTo(2);
        o.close();

        restart(); // no cache, no memory of what was pushed
        assertThat(post(owner, "/api/groups/" + g + "/members", "{\"userIds\":[" + cat.userId() + "]}").status())
                .isEqualTo(200);
        WsTestClient c = connect(cat);
        WsTestClient a = connect(ann);
        WsTestClient o2 = connect(owner);
        o2.send(groupChat("before-cat", g, "for ann only")); // a resend: the server re-pushes the original
        assertThat(o2.next(ChatResp.class).seq()).isEqualTo(2);

        assertThat(a.next(ChatPush.class, p -> p.seq() == 2).content().tree().get("body").asText())
                .isEqualTo("for ann only");
        c.assertNoFrame(ChatPush.class);
        assertThat(c.skipped()).noneMatch(f -> f instanceof ChatPush p && p.seq() == 2);
    }

    @Test
    void rejoinedMember_seesBothWindows_notTheGap() throws Exception {
        start();
        TestUser owner = server.user("owner");
        TestUser ann = server.user("ann");
        long g = createGroup(owner, List.of(ann), false);
        WsTestClient o = connect(owner);
        o.send(groupChat("w1", g, "window one"));
        assertThat(o.next(ChatResp.class).seq()).isEqualTo(2);
        assertThat(post(ann, "/api/groups/" + g + "/leave", "").status()).isEqualTo(200); // 3
        o.send(groupChat("gap", g, "while ann is away"));
        assertThat(o.next(ChatResp.class).seq()).isEqualTo(4);
        assertThat(post(owner, "/api/groups/" + g + "/members", "{\"userIds\":[" + ann.userId() + "]}").status())
                .isEqualTo(200); // 5
        o.send(groupChat("w2", g, "window two"));
        assertThat(o.next(ChatResp.class).seq()).isEqualTo(6);

        WsTestClient a = connect(ann);
        a.send(Pull.after("g:" + g, 0, 100));
        assertThat(a.next(PullResp.class).messages()).extracting(ChatPush::seq).containsExactly(1L, 2L, 3L, 5L, 6L);
        a.send(new Pull("g:" + g, null, 100L, 100, null));
        assertThat(a.next(PullResp.class).messages()).extracting(ChatPush::seq).containsExactly(1L, 2L, 3L, 5L, 6L);
        assertThat(seqs(history(ann, "g:" + g))).containsExactly(1L, 2L, 3L, 5L, 6L);
    }

    // ---- item 4: group rules decided inside the commit ----

    @Test
    void concurrentAdds_neverExceedMemberLimit_andExactlyTheOverflowingAddsAreRefused() throws Exception {
        start();
        TestUser owner = server.user("owner");
        List<TestUser> admins = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            admins.add(server.user("admin" + i));
        }
        long g = createGroup(owner, admins, false); // 5 members, room for 5 more at limit 10
        for (TestUser admin : admins) {
            assertThat(put(owner, g, admin.userId(), "{\"role\":\"admin\"}").status()).isEqualTo(200);
        }
        List<List<TestUser>> batches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            List<TestUser> three = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                three.add(server.user("new" + i + "x" + j));
            }
            batches.add(three);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestUser admin = admins.get(i);
            String ids = String.join(",", batches.get(i).stream().map(u -> Long.toString(u.userId())).toList());
            answers.add(pool.submit(() -> {
                go.await();
                return post(admin, "/api/groups/" + g + "/members", "{\"userIds\":[" + ids + "]}");
            }));
        }
        go.countDown();
        int added = 0;
        int full = 0;
        for (Future<Http.Response> f : answers) {
            Http.Response r = f.get(30, TimeUnit.SECONDS);
            if (r.status() == 200) {
                added++;
            } else {
                assertThat(r.body().get("error").get("code").asText()).as(r.toString()).isEqualTo("GROUP_FULL");
                full++;
            }
        }
        assertThat(added).isEqualTo(1); // 5 + 3 fits, 5 + 3 + 3 does not
        assertThat(full).isEqualTo(3);
        assertThat(server.http().get("/api/groups/" + g, owner.token()).body().get("memberCount").asInt()).isEqualTo(8);
        assertThat(events(owner, g, "added")).isEqualTo(1);
    }

    @Test
    void concurrentJoins_storeExactlyOneJoinedEvent_andKeepTheFirstWindow() throws Exception {
        start();
        TestUser owner = server.user("owner");
        TestUser cat = server.user("cat");
        List<Long> groups = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            groups.add(createGroup(owner, List.of(), true));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (long g : groups) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return post(cat, "/api/groups/" + g + "/join", "");
                }));
            }
        }
        go.countDown();
        for (Future<Http.Response> f : answers) {
            assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        WsTestClient o = connect(owner);
        for (long g : groups) {
            assertThat(events(owner, g, "joined")).as("joined events of group %d", g).isEqualTo(1);
            o.send(groupChat("after-join-" + g, g, "hello cat"));
            long seq = o.next(ChatResp.class).seq();
            assertThat(seqs(history(cat, "g:" + g))).containsExactly(2L, seq);
        }
    }

    @Test
    void removedAdmin_cannotAddAnyMore_evenWhenTheRemovalRacesTheAdd() throws Exception {
        start();
        TestUser owner = server.user("owner");
        TestUser ann = server.user("ann");
        long g = createGroup(owner, List.of(ann), false);
        assertThat(put(owner, g, ann.userId(), "{\"role\":\"admin\"}").status()).isEqualTo(200);
        List<TestUser> newcomers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            newcomers.add(server.user("newcomer" + i));
        }
        CountDownLatch go = new CountDownLatch(1);
        Future<Http.Response> removal = pool.submit(() -> {
            go.await();
            return delete(owner, g, ann.userId());
        });
        List<Future<Http.Response>> adds = new ArrayList<>();
        for (TestUser n : newcomers) {
            adds.add(pool.submit(() -> {
                go.await();
                return post(ann, "/api/groups/" + g + "/members", "{\"userIds\":[" + n.userId() + "]}");
            }));
        }
        go.countDown();
        assertThat(removal.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        for (Future<Http.Response> f : adds) {
            f.get(30, TimeUnit.SECONDS);
        }
        // every "added" event must come before the "removed" event of its actor
        JsonNode messages = server.http().get("/api/conversations/g:" + g + "/messages?limit=100", owner.token())
                .body().get("messages");
        long removedAt = Long.MAX_VALUE;
        for (JsonNode m : messages) {
            JsonNode content = m.get("content");
            if ("removed".equals(content.path("event").asText())) {
                removedAt = m.get("seq").asLong();
            }
            if ("added".equals(content.path("event").asText())) {
                assertThat(m.get("seq").asLong()).as("an add by a removed admin").isLessThan(removedAt);
            }
        }
        assertThat(removedAt).isNotEqualTo(Long.MAX_VALUE);
    }

    private Http.Response history(TestUser as, String conversationId) {
        return server.http().get("/api/conversations/" + conversationId + "/messages?limit=100", as.token());
    }

    private static List<Long> seqs(Http.Response history) {
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        return StreamSupport.stream(history.body().get("messages").spliterator(), false)
                .map(m -> m.get("seq").asLong()).toList();
    }

    private int events(TestUser as, long g, String event) {
        int n = 0;
        for (JsonNode m : history(as, "g:" + g).body().get("messages")) {
            if (event.equals(m.get("content").path("event").asText())) {
                n++;
            }
        }
        return n;
    }

    private Http.Response put(TestUser as, long g, long user, String body) {
        return server.http().send("PUT", "/api/groups/" + g + "/members/" + user, body, as.token());
    }

    private Http.Response delete(TestUser as, long g, long user) {
        return server.http().delete("/api/groups/" + g + "/members/" + user, as.token());
    }
}
