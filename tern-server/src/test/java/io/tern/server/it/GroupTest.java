package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Group lifecycle, every permission rule, membership windows and the documented errors. */
class GroupTest {
    private TestServer server;
    private TestUser owner;
    private TestUser ann;
    private TestUser ben;
    private TestUser cat;
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("delivery.maxGroupMembers", "5"));
        owner = server.user("owner");
        ann = server.user("ann");
        ben = server.user("ben");
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

    private Http.Response post(TestUser as, String path, String body) {
        return server.http().post(path, body, as.token());
    }

    private long createGroup(String body) {
        Http.Response r = post(owner, "/api/groups", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("groupId").asLong();
    }

    static String groupChat(String clientMsgId, long groupId, String body) {
        return io.tern.server.support.Frames.groupChat(clientMsgId, groupId, body);
    }

    private static String error(Http.Response r) {
        return r.body().get("error").get("code").asText();
    }

    @Test
    void create_pushesCreatedEventToMembers_andGroupIsReadable() {
        WsTestClient a = connect(ann);
        long g = createGroup("{\"name\":\"team\",\"memberIds\":[" + ann.userId() + "]}");

        ChatPush created = a.next(ChatPush.class);
        assertThat(created.conversationId()).isEqualTo("g:" + g);
        assertThat(created.groupId()).isEqualTo(g);
        assertThat(created.seq()).isEqualTo(1);
        assertThat(created.content().tree().get("contentType").asInt()).isEqualTo(100);
        assertThat(created.content().tree().get("event").asText()).isEqualTo("created");

        JsonNode group = server.http().get("/api/groups/" + g, ann.token()).body();
        assertThat(group.get("name").asText()).isEqualTo("team");
        assertThat(group.get("memberCount").asInt()).isEqualTo(2);
        assertThat(group.get("members")).extracting(m -> m.get("role").asText()).containsExactly("owner", "member");
        assertThat(server.http().get("/api/groups", ann.token()).body().get("groups")).hasSize(1);
        assertThat(server.http().get("/api/groups/" + g, ben.token()).status()).isEqualTo(403);
    }

    @Test
    void groupMessage_reachesEveryOtherMemberOnce_notTheSender() {
        long g = createGroup("{\"name\":\"team\",\"memberIds\":[" + ann.userId() + "," + ben.userId() + "]}");
        WsTestClient o = connect(owner);
        WsTestClient a = connect(ann);
        WsTestClient b = connect(ben);
        WsTestClient c = connect(cat);
        a.send(groupChat("m1", g, "hello team"));
        ChatResp resp = a.next(ChatResp.class);
        assertThat(resp.conversationId()).isEqualTo("g:" + g);
        assertThat(resp.seq()).isEqualTo(2);
        for (WsTestClient other : List.of(o, b)) {
            ChatPush p = other.next(ChatPush.class, m -> m.seq() == 2);
            assertThat(p.fromId()).isEqualTo(ann.userId());
            assertThat(p.toId()).isNull();
        }
        a.assertNoFrame(ChatPush.class);
        c.assertNoFrame(ChatPush.class);
    }

    @Test
    void member_cannotAddOrRemove_adminCan_ownerPromotes() {
        long g = createGroup("{\"name\":\"team\",\"memberIds\":[" + ann.userId() + "," + ben.userId() + "]}");
        assertThat(error(post(ann, "/api/groups/" + g + "/members", "{\"userIds\":[" + cat.userId() + "]}"))).isEqualTo("FORBIDDEN");
        Http.Response memberRemoves = server.http().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/groups/" + g + "/members/" + ben.userId())).DELETE(),
                ann.token());
        assertThat(memberRemoves.status()).isEqualTo(403);

        assertThat(put(ann, g, ben.userId(), "{\"role\":\"admin\"}").status()).isEqualTo(403);
        assertThat(put(owner, g, ann.userId(), "{\"role\":\"admin\"}").status()).isEqualTo(200);
        assertThat(post(ann, "/api/groups/" + g + "/members", "{\"userIds\":[" + cat.userId() + "]}").status()).isEqualTo(200);
        assertThat(delete(ann, g, ben.userId()).status()).isEqualTo(200);
        assertThat(error(delete(ann, g, owner.userId()))).isEqualTo("FORBIDDEN");
        JsonNode members = server.http().get("/api/groups/" + g, owner.token()).body().get("members");
        assertThat(members).extracting(m -> m.get("userId").asLong())
                .containsExactly(owner.userId(), ann.userId(), cat.userId());
    }

    @Test
    void mutedMember_getsMutedError_untilUnmuted() {
        long g = createGroup("{\"name\":\"team\",\"memberIds\":[" + ann.userId() + "]}");
        assertThat(put(owner, g, ann.userId(), "{\"muted\":true}").status()).isEqualTo(200);
        WsTestClient a = connect(ann);
        a.send(groupChat("x", g, "can I speak?"));
        ErrorFrame error = a.next(ErrorFrame.class);
        assertThat(error.error()).isEqualTo("MUTED");
        assertThat(error.clientMsgId()).isEqualTo("x");
        assertThat(put(owner, g, ann.userId(), "{\"muted\":false}").status()).isEqualTo(200);
        a.send(groupChat("y", g, "now?"));
        assertThat(a.next(ChatResp.class).seq()).isPositive();
    }

    @Test
    void removedMember_receivesNothingMore_andCannotPageLaterHistory() {
        long g = createGroup("{\"name\":\"team\",\"memberIds\":[" + ann.userId() + "," + ben.userId() + "]}");
        WsTestClient o = connect(owner);
        WsTestClient b = connect(ben);
        o.send(groupChat("before", g, "before removal"));
        assertThat(o.next(ChatResp.class).seq()).isEqualTo(2);
        assertThat(b.next(ChatPush.class, p -> p.seq() == 2).content().tree().get("body").asText()).isEqualTo("before removal");

        assertThat(delete(owner, g, ben.userId()).status()).isEqualTo(200);
        ChatPush removal = b.next(ChatPush.class, p -> p.seq() == 3);
        assertThat(removal.content().tree().get("event").asText()).isEqualTo("removed");

        o.send(groupChat("after", g, "after removal"));
        assertThat(o.next(ChatResp.class).seq()).isEqualTo(4);
        b.assertNoFrame(ChatPush.class);
        assertThat(b.skipped()).noneMatch(f -> f instanceof ChatPush p && p.seq() == 4);

        b.send(Pull.after("g:" + g, 0, 100));
        assertThat(b.next(PullResp.class).messages()).extracting(ChatPush::seq).containsExactly(1L, 2L, 3L);
        JsonNode history = server.http().get("/api/conversations/g:" + g + "/messages", ben.token()).body();
        assertThat(history.get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L, 3L);
        b.send(groupChat("sneak", g, "still here?"));
        assertThat(b.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
    }

    @Test
    void lateJoiner_seesFromTheirJoinOn() {
        long g = createGroup("{\"name\":\"open\",\"open\":true}");
        WsTestClient o = connect(owner);
        o.send(groupChat("early", g, "before cat"));
        o.next(ChatResp.class);
        assertThat(post(cat, "/api/groups/" + g + "/join", "").status()).isEqualTo(200);
        WsTestClient c = connect(cat);
        c.send(Pull.after("g:" + g, 0, 100));
        List<ChatPush> seen = c.next(PullResp.class).messages();
        assertThat(seen).extracting(ChatPush::seq).containsExactly(3L);
        assertThat(seen.get(0).content().tree().get("event").asText()).isEqualTo("joined");
    }

    @Test
    void closedGroup_cannotBeJoined_unknownGroup_andFullGroup() {
        long g = createGroup("{\"name\":\"closed\"}");
        assertThat(error(post(cat, "/api/groups/" + g + "/join", ""))).isEqualTo("FORBIDDEN");
        assertThat(server.http().get("/api/groups/999999", cat.token()).status()).isEqualTo(404);
        assertThat(error(server.http().get("/api/groups/999999", cat.token()))).isEqualTo("NO_SUCH_GROUP");
        assertThat(error(server.http().get("/api/groups/abc", cat.token()))).isEqualTo("INVALID_FIELD");
        WsTestClient c = connect(cat);
        c.send(groupChat("n", 999999, "anyone?"));
        assertThat(c.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
        c.send(groupChat("n2", g, "let me in"));
        assertThat(c.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");

        TestUser dan = server.user("dan");
        TestUser eve = server.user("eve");
        TestUser fay = server.user("fay");
        assertThat(post(owner, "/api/groups/" + g + "/members", "{\"userIds\":[" + ann.userId() + "," + ben.userId() + ","
                + cat.userId() + "," + dan.userId() + "]}").status()).isEqualTo(200);
        Http.Response full = post(owner, "/api/groups/" + g + "/members", "{\"userIds\":[" + eve.userId() + "]}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(error(full)).isEqualTo("GROUP_FULL");
        assertThat(error(post(owner, "/api/groups", "{\"name\":\"big\",\"memberIds\":[" + ann.userId() + "," + ben.userId()
                + "," + cat.userId() + "," + dan.userId() + "," + fay.userId() + "]}"))).isEqualTo("GROUP_FULL");
        assertThat(error(post(owner, "/api/groups", "{\"name\":\"ghosts\",\"memberIds\":[777777]}"))).isEqualTo("NO_SUCH_USER");
        assertThat(error(post(owner, "/api/groups", "{\"name\":\"\"}"))).isEqualTo("INVALID_FIELD");
        assertThat(error(post(owner, "/api/groups", "{\"name\":\"x\",\"memberIds\":\"all\"}"))).isEqualTo("INVALID_FIELD");
    }

    @Test
    void ownerLeaving_handsOwnershipToAdmin_andRenameNeedsAdmin() {
        long g = createGroup("{\"name\":\"team\",\"memberIds\":[" + ann.userId() + "," + ben.userId() + "]}");
        assertThat(put(owner, g, ben.userId(), "{\"role\":\"admin\"}").status()).isEqualTo(200);
        assertThat(error(server.http().send("PATCH", "/api/groups/" + g, "{\"name\":\"mine\"}", ann.token()))).isEqualTo("FORBIDDEN");
        assertThat(server.http().send("PATCH", "/api/groups/" + g, "{\"name\":\"renamed\"}", ben.token()).status()).isEqualTo(200);
        assertThat(post(owner, "/api/groups/" + g + "/leave", "").status()).isEqualTo(200);
        JsonNode group = server.http().get("/api/groups/" + g, ann.token()).body();
        assertThat(group.get("name").asText()).isEqualTo("renamed");
        assertThat(group.get("ownerId").asLong()).isEqualTo(ben.userId());
        assertThat(group.get("memberCount").asInt()).isEqualTo(2);
        assertThat(post(ben, "/api/groups/" + g + "/owner", "{\"userId\":" + ann.userId() + "}").status()).isEqualTo(200);
        assertThat(server.http().get("/api/groups/" + g, ann.token()).body().get("ownerId").asLong()).isEqualTo(ann.userId());
    }

    private Http.Response put(TestUser as, long g, long user, String body) {
        return server.http().send("PUT", "/api/groups/" + g + "/members/" + user, body, as.token());
    }

    private Http.Response delete(TestUser as, long g, long user) {
        return server.http().delete("/api/groups/" + g + "/members/" + user, as.token());
    }
}
