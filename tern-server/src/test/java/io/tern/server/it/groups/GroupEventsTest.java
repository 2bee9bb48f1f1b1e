package io.tern.server.it.groups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Role, mute, settings and ownership changes are event messages with a seq: pushed live to every member and
 * found again by a device that was offline, by seq. Owner succession: oldest admin, else oldest member.
 */
class GroupEventsTest {
    private TestServer server;
    private TestUser owner;
    private TestUser ann;
    private TestUser ben;
    private TestUser cat;
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
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

    private long group(TestUser by, TestUser... members) {
        StringBuilder ids = new StringBuilder();
        for (TestUser m : members) {
            ids.append(ids.length() == 0 ? "" : ",").append(m.userId());
        }
        Http.Response r = server.http().post("/api/groups", "{\"name\":\"team\",\"memberIds\":[" + ids + "]}", by.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("groupId").asLong();
    }

    private Http.Response send(String method, String path, String body, TestUser as) {
        return server.http().send(method, path, body, as.token());
    }

    private static JsonNode content(ChatPush p) {
        return p.content().tree();
    }

    @Test
    void renameRoleMuteAndTransfer_arePushedLiveAsEventsWithASeq() {
        WsTestClient a = connect(ann);
        long g = group(owner, ann, ben);
        a.next(ChatPush.class, p -> p.seq() == 1);

        Http.Response renamed = send("PATCH", "/api/groups/" + g,
                "{\"name\":\"crew\",\"description\":\"the crew\",\"adminsOnly\":false}", owner);
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.body().get("seq").asLong()).isEqualTo(2);
        JsonNode updated = content(a.next(ChatPush.class, p -> p.seq() == 2));
        assertThat(updated.get("event").asText()).isEqualTo("updated");
        assertThat(updated.get("name").asText()).isEqualTo("crew");
        assertThat(updated.get("description").asText()).isEqualTo("the crew");
        assertThat(updated.has("adminsOnly")).as("sent with its current value: not a change").isFalse();
        assertThat(updated.get("actorId").asLong()).isEqualTo(owner.userId());

        assertThat(send("PUT", "/api/groups/" + g + "/members/" + ben.userId(), "{\"role\":\"admin\"}", owner).status())
                .isEqualTo(200);
        JsonNode role = content(a.next(ChatPush.class, p -> p.seq() == 3));
        assertThat(role.get("event").asText()).isEqualTo("roleChanged");
        assertThat(role.get("role").asText()).isEqualTo("admin");
        assertThat(role.get("userIds")).extracting(JsonNode::asLong).containsExactly(ben.userId());

        assertThat(send("PUT", "/api/groups/" + g + "/members/" + ann.userId(), "{\"muted\":true}", ben).status())
                .isEqualTo(200);
        JsonNode muted = content(a.next(ChatPush.class, p -> p.seq() == 4));
        assertThat(muted.get("event").asText()).isEqualTo("muted");
        assertThat(muted.get("muted").asBoolean()).isTrue();
        assertThat(muted.get("actorId").asLong()).isEqualTo(ben.userId());

        assertThat(send("POST", "/api/groups/" + g + "/owner", "{\"userId\":" + ben.userId() + "}", owner).status())
                .isEqualTo(200);
        JsonNode owned = content(a.next(ChatPush.class, p -> p.seq() == 5));
        assertThat(owned.get("event").asText()).isEqualTo("ownerChanged");
        assertThat(owned.get("userIds")).extracting(JsonNode::asLong).containsExactly(ben.userId());
        assertThat(owned.get("previousOwnerId").asLong()).isEqualTo(owner.userId());

        JsonNode group = server.http().get("/api/groups/" + g, ann.token()).body();
        assertThat(group.get("name").asText()).isEqualTo("crew");
        assertThat(group.get("description").asText()).isEqualTo("the crew");
        assertThat(group.get("ownerId").asLong()).isEqualTo(ben.userId());
    }

    @Test
    void aChangeThatChangesNothing_storesNoEvent() {
        long g = group(owner, ann);
        assertThat(send("PATCH", "/api/groups/" + g, "{\"name\":\"team\"}", owner).body().has("seq")).isFalse();
        assertThat(send("PUT", "/api/groups/" + g + "/members/" + ann.userId(), "{\"role\":\"member\"}", owner).status())
                .isEqualTo(200);
        assertThat(send("PUT", "/api/groups/" + g + "/members/" + ann.userId(), "{\"muted\":false}", owner).status())
                .isEqualTo(200);
        JsonNode history = server.http().get("/api/conversations/g:" + g + "/messages", ann.token()).body();
        assertThat(history.get("messages")).hasSize(1);
    }

    @Test
    void aDeviceThatWasOffline_findsEveryChangeBySeq() {
        long g = group(owner, ann, ben);
        send("PATCH", "/api/groups/" + g, "{\"adminsOnly\":true,\"open\":true}", owner);
        send("PUT", "/api/groups/" + g + "/members/" + ben.userId(), "{\"role\":\"admin\"}", owner);
        send("PUT", "/api/groups/" + g + "/members/" + ann.userId(),
                "{\"muted\":true,\"mutedUntil\":" + (System.currentTimeMillis() + 3_600_000) + "}", owner);
        WsTestClient a = connect(ann);
        List<ChatPush> pulled = a.pullAll("g:" + g, 1, null);
        assertThat(pulled).extracting(p -> content(p).get("event").asText())
                .containsExactly("updated", "roleChanged", "muted");
        assertThat(pulled).extracting(ChatPush::seq).containsExactly(2L, 3L, 4L);
        assertThat(content(pulled.get(0)).get("adminsOnly").asBoolean()).isTrue();
        assertThat(content(pulled.get(2)).has("mutedUntil")).isTrue();
    }

    @Test
    void ownerLeaving_passesToTheOldestAdmin_notTheOldestMember() {
        long g = group(owner, ann); // ann: oldest member, stays a member
        send("POST", "/api/groups/" + g + "/members", "{\"userIds\":[" + ben.userId() + "]}", owner);
        send("POST", "/api/groups/" + g + "/members", "{\"userIds\":[" + cat.userId() + "]}", owner);
        send("PUT", "/api/groups/" + g + "/members/" + cat.userId(), "{\"role\":\"admin\"}", owner);
        send("PUT", "/api/groups/" + g + "/members/" + ben.userId(), "{\"role\":\"admin\"}", owner); // promoted later, joined earlier
        WsTestClient a = connect(ann);
        assertThat(send("POST", "/api/groups/" + g + "/leave", "", owner).status()).isEqualTo(200);
        JsonNode left = content(a.next(ChatPush.class, p -> content(p).get("event").asText().equals("left")));
        assertThat(left.get("ownerId").asLong()).isEqualTo(ben.userId());
        assertThat(server.http().get("/api/groups/" + g, ann.token()).body().get("ownerId").asLong()).isEqualTo(ben.userId());
    }

    @Test
    void ownerLeaving_withoutAdmins_passesToTheOldestMember() {
        long g = group(owner, cat);
        send("POST", "/api/groups/" + g + "/members", "{\"userIds\":[" + ann.userId() + "]}", owner);
        assertThat(send("POST", "/api/groups/" + g + "/leave", "", owner).status()).isEqualTo(200);
        JsonNode group = server.http().get("/api/groups/" + g, ann.token()).body();
        assertThat(group.get("ownerId").asLong()).isEqualTo(cat.userId());
        assertThat(group.get("members")).extracting(m -> m.get("role").asText()).containsExactly("owner", "member");
    }

    private long unread(TestUser user, long groupId) {
        Http.Response r = server.http().get("/api/conversations", user.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode c : r.body().path("conversations").isMissingNode() ? r.body() : r.body().get("conversations")) {
            if (c.path("conversationId").asText().equals("g:" + groupId)) {
                return c.get("unread").asLong();
            }
        }
        throw new AssertionError("no conversation of group " + groupId + " in " + r.body());
    }

    @Test
    void groupEvents_neverCountAsUnread_butAMessageDoes() {
        long g = group(owner, ann, ben); // created: seq 1
        assertThat(send("PATCH", "/api/groups/" + g, "{\"name\":\"crew\"}", owner).status()).isEqualTo(200);
        assertThat(send("POST", "/api/groups/" + g + "/members", "{\"userIds\":[" + cat.userId() + "]}", owner)
                .status()).isIn(200, 201);
        assertThat(unread(ann, g)).isZero();
        Http.Response sent = server.http().post("/api/messages", "{\"clientMsgId\":\"u1\",\"groupId\":" + g
                + ",\"content\":{\"contentType\":1,\"body\":\"hello\"}}", owner.token());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(unread(ann, g)).isEqualTo(1);
        assertThat(unread(cat, g)).isEqualTo(1); // cat joined by the add event, which is not unread either
    }

    @Test
    void ownJoinOverHttp_isStillOwedToTheJoinersDevices() {
        // the actor of a group event holds it on no device (it came from an HTTP request): a device new to the
        // group must be told its stream starts before the join, or it drops its own join event
        long g = group(owner);
        assertThat(send("PATCH", "/api/groups/" + g, "{\"open\":true}", owner).status()).isEqualTo(200);
        assertThat(send("POST", "/api/groups/" + g + "/join", "{}", ann).status()).isIn(200, 201);
        long joinSeq = 3; // created, updated, joined
        Http.Response sent = server.http().post("/api/messages", "{\"clientMsgId\":\"w1\",\"groupId\":" + g
                + ",\"content\":{\"contentType\":1,\"body\":\"welcome\"}}", owner.token());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);

        WsTestClient phone = connect(ann);
        phone.send(new io.tern.protocol.Sync(null, "s"));
        io.tern.protocol.SyncResp sync = phone.next(io.tern.protocol.SyncResp.class);
        assertThat(sync.conversations()).singleElement().satisfies(c -> {
            assertThat(c.afterSeq()).isEqualTo(joinSeq - 1);
            assertThat(c.count()).isEqualTo(2); // her join and the welcome
        });
    }
}
