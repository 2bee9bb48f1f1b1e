package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.MessageChanges;
import io.tern.server.support.Http;
import io.tern.server.support.MutableClock;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Edit, recall and reactions over WebSocket and HTTP: each permission rule, the state history answers, unread
 * counts that ignore change events, and a device that was offline while messages changed.
 */
class MessageLifecycleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private TestServer server;
    private TestUser alice;
    private TestUser bob;
    private TestUser cat;
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("messages.editWindow", "10m", "messages.recallWindow", "2m",
                "messages.maxReactions", "2"), clock);
        alice = server.user("alice");
        bob = server.user("bob");
        cat = server.user("cat");
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

    static String frame(String clientMsgId, String to, String content) {
        return "{\"type\":80,\"clientMsgId\":\"" + clientMsgId + "\"," + to + ",\"content\":" + content + "}";
    }

    private Http.Response post(TestUser from, String clientMsgId, String to, String content) {
        return server.http().post("/api/messages", "{\"clientMsgId\":\"" + clientMsgId + "\"," + to
                + ",\"content\":" + content + "}", from.token());
    }

    private static String text(String body) {
        return "{\"contentType\":1,\"body\":\"" + body + "\"}";
    }

    private String sendHttp(TestUser from, String clientMsgId, String to, String content) {
        Http.Response r = post(from, clientMsgId, to, content);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("msgId").asText();
    }

    private static String error(Http.Response r) {
        return r.body().get("error").get("code").asText();
    }

    private JsonNode history(TestUser user, String conversationId) {
        Http.Response r = server.http().get("/api/conversations/" + conversationId + "/messages", user.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("messages");
    }

    private JsonNode bySeq(JsonNode messages, long seq) {
        for (JsonNode m : messages) {
            if (m.get("seq").asLong() == seq) {
                return m;
            }
        }
        throw new AssertionError("no seq " + seq + " in " + messages);
    }

    private long unread(TestUser user, String conversationId) {
        for (JsonNode c : server.http().get("/api/conversations", user.token()).body().get("conversations")) {
            if (c.get("conversationId").asText().equals(conversationId)) {
                return c.get("unread").asLong();
            }
        }
        throw new AssertionError("no conversation " + conversationId);
    }

    private String direct() {
        return "p:" + Math.min(alice.userId(), bob.userId()) + ":" + Math.max(alice.userId(), bob.userId());
    }

    private String toBob() {
        return "\"toId\":" + bob.userId();
    }

    @Test
    void edit_overWebSocket_isAnEventWithItsSeq_andHistoryAnswersTheEditedText() {
        WsTestClient a = connect(alice);
        WsTestClient b = connect(bob);
        a.send(frame("m1", toBob(), text("helo")));
        ChatResp sent = a.next(ChatResp.class);
        b.next(ChatPush.class);

        a.send(frame("e1", toBob(), MessageChanges.edit(sent.msgId(), "hello").json()));
        ChatResp edited = a.next(ChatResp.class);
        assertThat(edited.seq()).isEqualTo(2);
        ChatPush event = b.next(ChatPush.class);
        assertThat(event.seq()).isEqualTo(2);
        assertThat(event.content().tree().get("contentType").asInt()).isEqualTo(MessageChanges.EDIT);
        assertThat(event.content().tree().get("target").asText()).isEqualTo(sent.msgId());

        JsonNode original = bySeq(history(bob, direct()), 1);
        assertThat(original.get("content").get("body").asText()).isEqualTo("hello");
        assertThat(original.get("state").get("edited").asLong()).isEqualTo(clock.millis());
        assertThat(unread(bob, direct())).as("the edit event is not unread").isEqualTo(1);
    }

    @Test
    void edit_byAnotherUser_isRefusedNotAuthor_overWebSocketAndHttp() {
        String msgId = sendHttp(alice, "m1", toBob(), text("mine"));
        WsTestClient b = connect(bob);
        b.send(frame("e1", "\"toId\":" + alice.userId(), MessageChanges.edit(msgId, "yours").json()));
        ErrorFrame refused = b.next(ErrorFrame.class);
        assertThat(refused.code()).isEqualTo(2251);
        assertThat(refused.error()).isEqualTo("NOT_AUTHOR");

        Http.Response overHttp = post(bob, "e2", "\"toId\":" + alice.userId(), MessageChanges.edit(msgId, "yours").json());
        assertThat(overHttp.status()).isEqualTo(403);
        assertThat(error(overHttp)).isEqualTo("NOT_AUTHOR");
        assertThat(bySeq(history(alice, direct()), 1).get("content").get("body").asText()).isEqualTo("mine");
        assertThat(history(alice, direct())).as("nothing stored for a refused change").hasSize(1);
    }

    @Test
    void edit_afterTheWindow_isRefused_andOfAnUnknownOrForeignMessage_noSuchMessage() {
        String msgId = sendHttp(alice, "m1", toBob(), text("old"));
        clock.advance(Duration.ofMinutes(11));
        Http.Response late = post(alice, "e1", toBob(), MessageChanges.edit(msgId, "new").json());
        assertThat(late.status()).isEqualTo(403);
        assertThat(error(late)).isEqualTo("CHANGE_WINDOW_PASSED");

        Http.Response unknown = post(alice, "e2", toBob(), MessageChanges.edit("nope", "new").json());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(error(unknown)).isEqualTo("NO_SUCH_MESSAGE");
        // the message exists, but not in the conversation the edit is sent to
        Http.Response foreign = post(alice, "e3", "\"toId\":" + cat.userId(), MessageChanges.edit(msgId, "x").json());
        assertThat(error(foreign)).isEqualTo("NO_SUCH_MESSAGE");
        Http.Response malformed = post(alice, "e4", toBob(), "{\"contentType\":20,\"target\":\"" + msgId + "\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(error(malformed)).isEqualTo("INVALID_FIELD");
    }

    @Test
    void recall_byAuthor_withinWindow_leavesATombstone_andEarlierEditsLoseTheirText() {
        WsTestClient b = connect(bob);
        String msgId = sendHttp(alice, "m1", toBob(), text("secret"));
        sendHttp(alice, "e1", toBob(), MessageChanges.edit(msgId, "more secret").json());
        sendHttp(alice, "r1", toBob(), MessageChanges.recall(msgId).json());
        ChatPush recall = b.next(ChatPush.class, p -> p.seq() == 3);
        assertThat(recall.content().tree().get("contentType").asInt()).isEqualTo(MessageChanges.RECALL);

        JsonNode page = history(bob, direct());
        assertThat(bySeq(page, 1).get("content").toString()).isEqualTo("{\"contentType\":120}");
        assertThat(bySeq(page, 1).get("state").get("recalled").get("by").asLong()).isEqualTo(alice.userId());
        assertThat(bySeq(page, 2).get("content").has("body")).as("the edit's text went with the recall").isFalse();
        assertThat(page.toString()).doesNotContain("secret");

        Http.Response again = post(alice, "e2", toBob(), MessageChanges.edit(msgId, "back").json());
        assertThat(error(again)).isEqualTo("MESSAGE_RECALLED");
        Http.Response react = post(bob, "x1", "\"toId\":" + alice.userId(), MessageChanges.reaction(msgId, "👍", false).json());
        assertThat(error(react)).isEqualTo("MESSAGE_RECALLED");
    }

    @Test
    void recall_pastTheWindow_isRefused_butAGroupAdminMayRecallAnyMessageAnyTime() {
        long g = server.http().post("/api/groups", "{\"name\":\"team\",\"memberIds\":[" + bob.userId() + ","
                + cat.userId() + "]}", alice.token()).body().get("groupId").asLong();
        String inGroup = "\"groupId\":" + g;
        String bobs = sendHttp(bob, "b1", inGroup, text("from bob"));
        String cats = sendHttp(cat, "c1", inGroup, text("from cat"));
        clock.advance(Duration.ofMinutes(3));

        Http.Response late = post(bob, "r1", inGroup, MessageChanges.recall(bobs).json());
        assertThat(late.status()).isEqualTo(403);
        assertThat(error(late)).isEqualTo("CHANGE_WINDOW_PASSED");
        Http.Response notHis = post(bob, "r2", inGroup, MessageChanges.recall(cats).json());
        assertThat(error(notHis)).isEqualTo("NOT_AUTHOR");

        assertThat(post(alice, "r3", inGroup, MessageChanges.recall(bobs).json()).status()).as("the owner").isEqualTo(200);
        assertThat(server.http().send("PUT", "/api/groups/" + g + "/members/" + bob.userId(), "{\"role\":\"admin\"}",
                alice.token()).status()).isEqualTo(200);
        assertThat(post(bob, "r4", inGroup, MessageChanges.recall(cats).json()).status()).as("an admin").isEqualTo(200);
        JsonNode page = history(cat, "g:" + g);
        assertThat(page.toString()).doesNotContain("from bob").doesNotContain("from cat");
    }

    @Test
    void reactions_areSetsPerUser_withCountsInHistory_andALimitPerUser() {
        String msgId = sendHttp(alice, "m1", toBob(), text("react to me"));
        String toAlice = "\"toId\":" + alice.userId();
        sendHttp(bob, "x1", toAlice, MessageChanges.reaction(msgId, "👍", false).json());
        sendHttp(bob, "x2", toAlice, MessageChanges.reaction(msgId, "👍", false).json()); // twice: still one
        sendHttp(alice, "x3", toBob(), MessageChanges.reaction(msgId, "👍", false).json());
        sendHttp(bob, "x4", toAlice, MessageChanges.reaction(msgId, "🎉", false).json());
        Http.Response third = post(bob, "x5", toAlice, MessageChanges.reaction(msgId, "😀", false).json());
        assertThat(third.status()).isEqualTo(409);
        assertThat(error(third)).isEqualTo("TOO_MANY_REACTIONS");
        sendHttp(bob, "x6", toAlice, MessageChanges.reaction(msgId, "🎉", true).json());

        JsonNode reactions = bySeq(history(alice, direct()), 1).get("state").get("reactions");
        assertThat(reactions.get("👍")).extracting(JsonNode::asLong)
                .containsExactly(Math.min(alice.userId(), bob.userId()), Math.max(alice.userId(), bob.userId()));
        assertThat(reactions.has("🎉")).isFalse();
        assertThat(unread(alice, direct())).as("reactions are never unread").isZero();
    }

    @Test
    void aDeviceOfflineDuringEditsAndRecalls_catchesUpToTheFinalState_withTheRightUnreadCount() {
        String first = sendHttp(alice, "m1", toBob(), text("first"));
        String second = sendHttp(alice, "m2", toBob(), text("second"));
        sendHttp(alice, "m3", toBob(), text("third"));
        sendHttp(alice, "e1", toBob(), MessageChanges.edit(first, "first, edited").json());
        sendHttp(alice, "r1", toBob(), MessageChanges.recall(second).json());
        sendHttp(alice, "x1", toBob(), MessageChanges.reaction(first, "❤", false).json());

        assertThat(unread(bob, direct())).as("three messages; their edit, recall and reaction are not unread")
                .isEqualTo(3);
        WsTestClient b = connect(bob);
        List<ChatPush> pulled = b.pullAll(direct(), 0, null);
        assertThat(pulled).extracting(ChatPush::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(pulled.get(0).content().tree().get("body").asText()).isEqualTo("first, edited");
        assertThat(pulled.get(0).state().tree().get("reactions").get("❤")).hasSize(1);
        assertThat(pulled.get(1).content().tree().get("contentType").asInt()).isEqualTo(MessageChanges.RECALLED);
        assertThat(pulled.get(2).state()).isNull();
    }

    @Test
    void aMemberWhoJoinedLater_neitherSeesNorChangesMessagesFromBefore() {
        long g = server.http().post("/api/groups", "{\"name\":\"team\",\"memberIds\":[" + bob.userId() + "]}",
                alice.token()).body().get("groupId").asLong();
        String inGroup = "\"groupId\":" + g;
        String old = sendHttp(alice, "m1", inGroup, text("before cat"));
        assertThat(server.http().post("/api/groups/" + g + "/members", "{\"userIds\":[" + cat.userId() + "]}",
                alice.token()).status()).isEqualTo(200);
        WsTestClient c = connect(cat);
        sendHttp(alice, "e1", inGroup, MessageChanges.edit(old, "edited before cat's time").json());
        sendHttp(alice, "m2", inGroup, text("after"));

        ChatPush next = c.next(ChatPush.class);
        assertThat(next.content().tree().get("body").asText()).as("the edit is not pushed to cat").isEqualTo("after");
        assertThat(history(cat, "g:" + g).toString()).doesNotContain("edited before");
        Http.Response react = post(cat, "x1", inGroup, MessageChanges.reaction(old, "👍", false).json());
        assertThat(react.status()).isEqualTo(404);
        assertThat(error(react)).isEqualTo("NO_SUCH_MESSAGE");
    }

    @Test
    void reply_quotesAMessageTheSenderSees_andIsRefusedForAnUnknownOrRecalledOne() {
        String msgId = sendHttp(alice, "m1", toBob(), text("question"));
        String toAlice = "\"toId\":" + alice.userId();
        String reply = "{\"contentType\":1,\"body\":\"answer\",\"replyTo\":\"" + msgId + "\"}";
        sendHttp(bob, "m2", toAlice, reply);
        assertThat(bySeq(history(alice, direct()), 2).get("content").get("replyTo").asText()).isEqualTo(msgId);
        assertThat(unread(alice, direct())).as("a reply is an ordinary message").isEqualTo(1);

        Http.Response unknown = post(bob, "m3", toAlice, "{\"contentType\":1,\"body\":\"?\",\"replyTo\":\"zzz\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(error(unknown)).isEqualTo("NO_SUCH_MESSAGE");
        sendHttp(alice, "r1", toBob(), MessageChanges.recall(msgId).json());
        Http.Response toRecalled = post(bob, "m4", toAlice, reply.replace("answer", "late answer"));
        assertThat(error(toRecalled)).isEqualTo("MESSAGE_RECALLED");
    }

    @Test
    void mentionAll_isForOwnerAndAdmins_andUnreadMentionsAreCountedPerConversation() {
        long g = server.http().post("/api/groups", "{\"name\":\"team\",\"memberIds\":[" + bob.userId() + ","
                + cat.userId() + "]}", alice.token()).body().get("groupId").asLong();
        String inGroup = "\"groupId\":" + g;
        WsTestClient b = connect(bob);
        b.send(frame("a1", inGroup, "{\"contentType\":1,\"body\":\"@all look\",\"mentionAll\":true}"));
        ErrorFrame refused = b.next(ErrorFrame.class);
        assertThat(refused.error()).isEqualTo("MENTION_ALL_FORBIDDEN");
        assertThat(refused.code()).isEqualTo(2255);
        Http.Response overHttp = post(cat, "a2", inGroup, "{\"contentType\":1,\"body\":\"@all\",\"mentionAll\":true}");
        assertThat(overHttp.status()).isEqualTo(403);
        assertThat(error(overHttp)).isEqualTo("MENTION_ALL_FORBIDDEN");

        sendHttp(alice, "a3", inGroup, "{\"contentType\":1,\"body\":\"@all standup\",\"mentionAll\":true}");
        sendHttp(cat, "a4", inGroup, "{\"contentType\":1,\"body\":\"@bob hi\",\"mentions\":[" + bob.userId() + "]}");
        sendHttp(cat, "a5", inGroup, text("no mention"));
        JsonNode bobs = conversation(bob, "g:" + g);
        assertThat(bobs.get("mentions").asLong()).isEqualTo(2);
        assertThat(conversation(cat, "g:" + g).get("mentions").asLong()).as("cat's own message is read").isZero();
        Http.Response badShape = post(cat, "a6", inGroup, "{\"contentType\":1,\"body\":\"x\",\"mentions\":\"bob\"}");
        assertThat(error(badShape)).isEqualTo("INVALID_FIELD");
    }

    private JsonNode conversation(TestUser user, String conversationId) {
        for (JsonNode c : server.http().get("/api/conversations", user.token()).body().get("conversations")) {
            if (c.get("conversationId").asText().equals(conversationId)) {
                return c;
            }
        }
        throw new AssertionError("no conversation " + conversationId);
    }

    @Test
    void recallOfAnImage_refusesItsDownloadToTheRecipient_theUploaderKeepsIt() {
        io.tern.server.support.MediaHttp media = new io.tern.server.support.MediaHttp(server);
        Http.Response up = media.upload(alice.token(), "pic.png", io.tern.server.support.TestImages.png(32, 24),
                "application/octet-stream");
        assertThat(up.status()).isEqualTo(201);
        String mediaId = up.body().get("mediaId").asText();
        String msgId = sendHttp(alice, "img", toBob(), "{\"contentType\":2,\"mediaId\":\"" + mediaId + "\"}");
        assertThat(media.get("/api/media/" + mediaId, bob.token()).status()).isEqualTo(200);

        sendHttp(alice, "r1", toBob(), MessageChanges.recall(msgId).json());
        assertThat(media.get("/api/media/" + mediaId, bob.token()).status()).isEqualTo(404);
        assertThat(media.get("/api/media/" + mediaId + "/thumbnail", bob.token()).status()).isEqualTo(404);
        assertThat(media.get("/api/media/" + mediaId, alice.token()).status()).isEqualTo(200);
        assertThat(bySeq(history(bob, direct()), 1).get("content").toString()).doesNotContain(mediaId);
    }

    @Test
    void forward_copiesAMessageTheSenderSees_unchanged_andNeverARecalledOrForeignOne() {
        String msgId = sendHttp(alice, "m1", toBob(), text("worth sharing"));
        String toCat = "\"toId\":" + cat.userId();
        String forward = "{\"contentType\":1,\"body\":\"worth sharing\",\"forwardOf\":{\"conversationId\":\""
                + direct() + "\",\"msgId\":\"" + msgId + "\"}}";
        Http.Response ok = post(bob, "f1", toCat, forward);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        String bobCat = "p:" + Math.min(bob.userId(), cat.userId()) + ":" + Math.max(bob.userId(), cat.userId());
        assertThat(bySeq(history(cat, bobCat), 1).get("content").get("forwardOf").get("msgId").asText()).isEqualTo(msgId);

        Http.Response altered = post(bob, "f2", toCat, forward.replace("worth sharing", "something else"));
        assertThat(altered.status()).isEqualTo(400);
        assertThat(error(altered)).isEqualTo("INVALID_FIELD");
        Http.Response notHis = post(cat, "f3", "\"toId\":" + bob.userId(), forward);
        assertThat(notHis.status()).as("cat is not in alice and bob's conversation").isEqualTo(404);
        assertThat(error(notHis)).isEqualTo("NO_SUCH_MESSAGE");
        sendHttp(alice, "r1", toBob(), MessageChanges.recall(msgId).json());
        assertThat(error(post(bob, "f4", toCat, forward))).isEqualTo("MESSAGE_RECALLED");
    }

    @Test
    void deleteForMe_hidesTheMessageFromMyDevicesOnly_andNobodyElseLearnsOfIt() {
        String first = sendHttp(alice, "m1", toBob(), text("embarrassing"));
        sendHttp(alice, "m2", toBob(), text("fine"));
        WsTestClient aliceDevice = connect(alice);
        WsTestClient bobsOtherDevice = connect(bob);
        String toAlice = "\"toId\":" + alice.userId();
        sendHttp(bob, "h1", toAlice, MessageChanges.hide(first).json());

        ChatPush event = bobsOtherDevice.next(ChatPush.class);
        assertThat(event.content().tree().get("contentType").asInt()).isEqualTo(MessageChanges.HIDE);
        aliceDevice.assertNoFrame(ChatPush.class);
        assertThat(history(bob, direct())).extracting(m -> m.get("seq").asLong()).containsExactly(2L, 3L);
        assertThat(history(alice, direct())).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L);
        assertThat(bySeq(history(alice, direct()), 1).get("content").get("body").asText()).isEqualTo("embarrassing");
        assertThat(aliceDevice.pullAll(direct(), 0, null)).extracting(ChatPush::seq).containsExactly(1L, 2L);
        assertThat(unread(alice, direct())).isZero();
    }
}
