package io.tern.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Pull;
import io.tern.protocol.Read;
import io.tern.protocol.Typing;
import io.tern.server.support.Frames;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import io.tern.server.transport.http.ApiRoute;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint and frame, tried by someone who must not pass. */
class AuthorizationTest {
    private static TestServer server;
    private static TestUser alice;
    private static TestUser bob;
    private static TestUser eve;
    private static long group;
    private static String direct;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        alice = server.user("alice");
        bob = server.user("bob");
        eve = server.user("eve");
        group = server.http().post("/api/groups", "{\"name\":\"private\",\"memberIds\":[" + bob.userId() + "]}",
                alice.token()).body().get("groupId").asLong();
        direct = "p:" + alice.userId() + ":" + bob.userId();
        try (WsTestClient a = server.connect(alice)) {
            a.send(Frames.chat("1", bob.userId(), "private"));
            a.next(ChatResp.class);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Http.Response call(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return server.http().send(b, token);
    }

    @Test
    void everyAuthenticatedRoute_refusesMissingAndForgedTokens() {
        for (ApiRoute route : server.server().routes()) {
            if (!route.authenticated()) {
                continue;
            }
            String path = route.template().replace("{conversationId}", direct).replace("{groupId}", String.valueOf(group))
                    .replace("{userId}", String.valueOf(bob.userId())).replace("{username}", "bob").replace("{user}", "bob")
                    .replace("{id}", "1")
                    .replace("{mediaId}", "someMediaId").replace("{code}", "someInviteCode");
            for (String token : new String[] {null, "forged-token", alice.token().substring(1)}) {
                Http.Response r = call(route.method(), path, "{}", token);
                assertThat(r.status()).as("%s %s with token %s", route.method(), path, token).isEqualTo(401);
                assertThat(r.body().get("error").get("code").asText()).isEqualTo("INVALID_TOKEN");
            }
        }
    }

    @Test
    void outsider_cannotReadOrTouchOthersConversations() {
        assertThat(call("GET", "/api/conversations/" + direct + "/messages", null, eve.token()).status()).isEqualTo(403);
        assertThat(call("GET", "/api/conversations/" + direct + "/messages?afterSeq=0", null, eve.token()).status()).isEqualTo(403);
        assertThat(call("GET", "/api/conversations/" + direct + "/reads?seq=1", null, eve.token()).status()).isEqualTo(403);
        assertThat(call("GET", "/api/conversations/g:" + group + "/messages", null, eve.token()).status()).isEqualTo(403);
        assertThat(server.http().get("/api/conversations", eve.token()).body().get("conversations")).isEmpty();
        assertThat(server.http().get("/api/sync?wait=0&cursors=" + direct + "=0", eve.token()).body().get("messages")).isEmpty();
        try (WsTestClient e = server.connect(eve)) {
            e.send(Pull.after(direct, 0, 10));
            assertThat(e.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
            e.send(new Pull("g:" + group, null, 100L, 10, null));
            assertThat(e.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
            e.send(new Read(direct, 1L));
            assertThat(e.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
            e.send(new Typing("g:" + group));
            assertThat(e.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
            e.send(Frames.groupChat("g", group, "let me in"));
            assertThat(e.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
            e.send("{\"type\":80,\"clientMsgId\":\"spoof\",\"toId\":" + bob.userId() + ",\"fromId\":" + alice.userId()
                    + ",\"content\":{\"contentType\":1,\"body\":\"it's alice\"}}");
            assertThat(e.next(ErrorFrame.class).error()).isEqualTo("FORBIDDEN_SENDER");
            e.send("{\"type\":80,\"clientMsgId\":\"fake\",\"groupId\":" + group
                    + ",\"content\":{\"contentType\":100,\"event\":\"removed\",\"userIds\":[1]}}");
            assertThat(e.next(ErrorFrame.class).error()).isEqualTo("INVALID_FIELD");
        }
    }

    @Test
    void outsiderAndMember_cannotManageTheGroup() {
        String g = "/api/groups/" + group;
        assertThat(call("GET", g, null, eve.token()).status()).isEqualTo(403);
        for (TestUser who : new TestUser[] {eve, bob}) {
            int status = who == eve ? 403 : 403;
            assertThat(call("POST", g + "/members", "{\"userIds\":[" + eve.userId() + "]}", who.token()).status())
                    .as("add by %s", who.username()).isEqualTo(status);
            assertThat(call("PATCH", g, "{\"name\":\"mine\"}", who.token()).status()).isEqualTo(status);
            assertThat(call("PUT", g + "/members/" + alice.userId(), "{\"muted\":true}", who.token()).status()).isEqualTo(status);
            assertThat(call("PUT", g + "/members/" + bob.userId(), "{\"role\":\"admin\"}", who.token()).status()).isEqualTo(status);
            assertThat(call("DELETE", g + "/members/" + alice.userId(), null, who.token()).status()).isEqualTo(status);
            assertThat(call("POST", g + "/owner", "{\"userId\":" + who.userId() + "}", who.token()).status()).isEqualTo(status);
        }
        assertThat(call("POST", g + "/join", null, eve.token()).status()).isEqualTo(403);
        assertThat(call("POST", g + "/leave", null, eve.token()).status()).isEqualTo(403);
        var members = server.http().get(g, alice.token()).body().get("members");
        assertThat(members).extracting(m -> m.get("userId").asLong()).containsExactly(alice.userId(), bob.userId());
        assertThat(members).allSatisfy(m -> assertThat(m.get("muted").asBoolean()).isFalse());
    }
}
