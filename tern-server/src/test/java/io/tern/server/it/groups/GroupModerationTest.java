package io.tern.server.it.groups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.server.support.Frames;
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
 * The permission rules of running a group, over HTTP and WebSocket on a real server: dissolve (owner only),
 * the ban list, "only admins may post", and timed mutes that end by the (fake) clock without a job.
 */
class GroupModerationTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private TestServer server;
    private TestUser owner;
    private TestUser ann;
    private TestUser ben;
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of(), clock);
        owner = server.user("owner");
        ann = server.user("ann");
        ben = server.user("ben");
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

    private long group(boolean open, TestUser... members) {
        StringBuilder ids = new StringBuilder();
        for (TestUser m : members) {
            ids.append(ids.length() == 0 ? "" : ",").append(m.userId());
        }
        Http.Response r = server.http().post("/api/groups", "{\"name\":\"team\",\"open\":" + open + ",\"memberIds\":["
                + ids + "]}", owner.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("groupId").asLong();
    }

    private Http.Response send(String method, String path, String body, TestUser as) {
        return server.http().send(method, path, body, as.token());
    }

    private Http.Response post(String path, TestUser as) {
        return server.http().post(path, "", as.token());
    }

    private Http.Response httpChat(TestUser as, long g, String clientMsgId) {
        return server.http().post("/api/messages", "{\"clientMsgId\":\"" + clientMsgId + "\",\"groupId\":" + g
                + ",\"content\":{\"contentType\":1,\"body\":\"hi\"}}", as.token());
    }

    private static String error(Http.Response r) {
        return r.body().path("error").path("code").asText();
    }

    private static String wsError(WsTestClient c, long g, String clientMsgId) {
        c.send(Frames.groupChat(clientMsgId, g, "hi"));
        return c.next(ErrorFrame.class).error();
    }

    @Test
    void onlyTheOwnerDissolves_everyMemberGetsTheEvent_andNothingMoreIsAccepted() {
        long g = group(true, ann, ben);
        send("PUT", "/api/groups/" + g + "/members/" + ann.userId(), "{\"role\":\"admin\"}", owner);
        WsTestClient a = connect(ann);
        WsTestClient b = connect(ben);
        b.send(Frames.groupChat("before", g, "before the end"));
        assertThat(b.next(ChatResp.class).seq()).isEqualTo(3);

        Http.Response byAdmin = server.http().delete("/api/groups/" + g, ann.token());
        assertThat(byAdmin.status()).isEqualTo(403);
        assertThat(error(byAdmin)).isEqualTo("FORBIDDEN");

        Http.Response dissolved = server.http().delete("/api/groups/" + g, owner.token());
        assertThat(dissolved.status()).as(dissolved.toString()).isEqualTo(200);
        assertThat(dissolved.body().get("seq").asLong()).isEqualTo(4);
        for (WsTestClient c : List.of(a, b)) {
            JsonNode event = c.next(ChatPush.class, p -> p.seq() == 4).content().tree();
            assertThat(event.get("event").asText()).isEqualTo("dissolved");
            assertThat(event.get("userIds")).extracting(JsonNode::asLong)
                    .containsExactlyInAnyOrder(owner.userId(), ann.userId(), ben.userId());
        }

        assertThat(wsError(b, g, "after")).isEqualTo("GROUP_DISSOLVED");
        Http.Response httpSend = httpChat(owner, g, "after-http");
        assertThat(httpSend.status()).isEqualTo(410);
        assertThat(error(httpSend)).isEqualTo("GROUP_DISSOLVED");
        assertThat(error(post("/api/groups/" + g + "/join", server.user("cat")))).isEqualTo("GROUP_DISSOLVED");
        assertThat(error(server.http().get("/api/groups/" + g, ann.token()))).isEqualTo("GROUP_DISSOLVED");
        assertThat(server.http().get("/api/groups", ann.token()).body().get("groups")).isEmpty();

        JsonNode history = server.http().get("/api/conversations/g:" + g + "/messages", ben.token()).body();
        assertThat(history.get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aBannedUser_cannotRejoinAnOpenGroupOrBeAdded_untilUnbanned() {
        long g = group(true, ann, ben);
        WsTestClient b = connect(ben);
        assertThat(send("PUT", "/api/groups/" + g + "/bans/" + ben.userId(), "", ann).status()).isEqualTo(403);
        Http.Response banned = send("PUT", "/api/groups/" + g + "/bans/" + ben.userId(), "", owner);
        assertThat(banned.status()).as(banned.toString()).isEqualTo(200);
        JsonNode event = b.next(ChatPush.class, p -> p.seq() == 2).content().tree();
        assertThat(event.get("event").asText()).isEqualTo("removed");
        assertThat(event.get("banned").asBoolean()).isTrue();
        assertThat(wsError(b, g, "still?")).isEqualTo("NOT_A_MEMBER");

        Http.Response rejoin = post("/api/groups/" + g + "/join", ben);
        assertThat(rejoin.status()).isEqualTo(403);
        assertThat(error(rejoin)).isEqualTo("BANNED");
        assertThat(error(server.http().post("/api/groups/" + g + "/members", "{\"userIds\":[" + ben.userId() + "]}",
                owner.token()))).isEqualTo("BANNED");
        assertThat(error(server.http().get("/api/groups/" + g + "/bans", ann.token()))).isEqualTo("FORBIDDEN");
        JsonNode bans = server.http().get("/api/groups/" + g + "/bans", owner.token()).body().get("bans");
        assertThat(bans).extracting(x -> x.get("userId").asLong()).containsExactly(ben.userId());
        assertThat(bans.get(0).get("bannedBy").asLong()).isEqualTo(owner.userId());

        assertThat(server.http().delete("/api/groups/" + g + "/bans/" + ben.userId(), owner.token()).status()).isEqualTo(200);
        assertThat(server.http().get("/api/groups/" + g + "/bans", owner.token()).body().get("bans")).isEmpty();
        assertThat(post("/api/groups/" + g + "/join", ben).status()).isEqualTo(200);
    }

    @Test
    void aUserWhoWasNeverAMember_canBeBannedAhead() {
        long g = group(true, ann);
        TestUser cat = server.user("cat");
        assertThat(send("PUT", "/api/groups/" + g + "/bans/" + cat.userId(), "", owner).status()).isEqualTo(200);
        assertThat(error(post("/api/groups/" + g + "/join", cat))).isEqualTo("BANNED");
        JsonNode last = server.http().get("/api/conversations/g:" + g + "/messages", ann.token()).body()
                .get("messages").get(1).get("content");
        assertThat(last.get("event").asText()).isEqualTo("banned");
    }

    @Test
    void inAnAdminsOnlyGroup_aMemberCannotPost_overWebSocketOrHttp_anAdminCan() {
        long g = group(false, ann, ben);
        send("PUT", "/api/groups/" + g + "/members/" + ann.userId(), "{\"role\":\"admin\"}", owner);
        assertThat(error(send("PATCH", "/api/groups/" + g, "{\"adminsOnly\":true}", ben))).isEqualTo("FORBIDDEN");
        assertThat(send("PATCH", "/api/groups/" + g, "{\"adminsOnly\":true}", ann).status()).isEqualTo(200);
        assertThat(server.http().get("/api/groups/" + g, ben.token()).body().get("adminsOnly").asBoolean()).isTrue();

        WsTestClient b = connect(ben);
        assertThat(wsError(b, g, "m1")).isEqualTo("ADMINS_ONLY");
        Http.Response http = httpChat(ben, g, "m2");
        assertThat(http.status()).isEqualTo(403);
        assertThat(error(http)).isEqualTo("ADMINS_ONLY");
        WsTestClient a = connect(ann);
        a.send(Frames.groupChat("a1", g, "announcement"));
        assertThat(a.next(ChatResp.class).seq()).isPositive();

        send("PATCH", "/api/groups/" + g, "{\"adminsOnly\":false}", owner);
        b.send(Frames.groupChat("m3", g, "now I may"));
        assertThat(b.next(ChatResp.class).seq()).isPositive();
    }

    @Test
    void aTimedMute_endsByTheClock_withoutAJob() {
        long g = group(false, ann);
        long until = clock.millis() + Duration.ofMinutes(10).toMillis();
        Http.Response muted = send("PUT", "/api/groups/" + g + "/members/" + ann.userId(),
                "{\"muted\":true,\"mutedUntil\":" + until + "}", owner);
        assertThat(muted.status()).as(muted.toString()).isEqualTo(200);
        JsonNode member = server.http().get("/api/groups/" + g, ann.token()).body().get("members").get(1);
        assertThat(member.get("muted").asBoolean()).isTrue();
        assertThat(member.get("mutedUntil").asLong()).isEqualTo(until);

        WsTestClient a = connect(ann);
        assertThat(wsError(a, g, "early")).isEqualTo("MUTED");
        assertThat(error(httpChat(ann, g, "early-http"))).isEqualTo("MUTED");

        clock.advance(Duration.ofMinutes(9));
        assertThat(wsError(a, g, "still-early")).isEqualTo("MUTED");
        clock.advance(Duration.ofMinutes(1));
        a.send(Frames.groupChat("on-time", g, "free again"));
        assertThat(a.next(ChatResp.class).seq()).isPositive();
        assertThat(httpChat(ann, g, "on-time-http").status()).isEqualTo(200);
        assertThat(server.http().get("/api/groups/" + g, ann.token()).body().get("members").get(1).get("muted")
                .asBoolean()).isFalse();

        assertThat(error(send("PUT", "/api/groups/" + g + "/members/" + ann.userId(),
                "{\"muted\":true,\"mutedUntil\":" + clock.millis() + "}", owner))).isEqualTo("INVALID_FIELD");
    }

    @Test
    void descriptionAndSettings_validated() {
        long g = group(false, ann);
        assertThat(error(send("PATCH", "/api/groups/" + g, "{}", owner))).isEqualTo("INVALID_FIELD");
        assertThat(error(send("PATCH", "/api/groups/" + g, "{\"description\":\"" + "x".repeat(501) + "\"}", owner)))
                .isEqualTo("INVALID_FIELD");
        assertThat(error(send("PATCH", "/api/groups/" + g, "{\"adminsOnly\":\"yes\"}", owner))).isEqualTo("INVALID_FIELD");
        assertThat(send("PATCH", "/api/groups/" + g, "{\"description\":\"ours\",\"open\":true}", owner).status())
                .isEqualTo(200);
        JsonNode group = server.http().get("/api/groups/" + g, ann.token()).body();
        assertThat(group.get("description").asText()).isEqualTo("ours");
        assertThat(group.get("open").asBoolean()).isTrue();
    }
}
