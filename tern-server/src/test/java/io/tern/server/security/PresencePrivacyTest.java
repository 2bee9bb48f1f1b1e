package io.tern.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.Pong;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 2: presence, last-seen and the online list only for users who share a conversation; a
 * stranger's id answers exactly like an id that does not exist; lookups are rate-limited.
 */
class PresencePrivacyTest {
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void strangers_seeNeitherPresenceNorLastSeen_untilTheyShareAConversation() {
        server = TestServer.start();
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice)) {
            a.send("{\"type\":40}");
            a.next(Pong.class);

            JsonNode online = server.http().get("/api/users/online", bob.token()).body();
            assertThat(online.get("total").asInt()).as("a stranger online is not listed").isZero();
            JsonNode presence = presence(bob, alice.userId() + "," + bob.userId() + ",999999");
            assertThat(presence).extracting(p -> p.get("userId").asLong()).as("only bob himself")
                    .containsExactly(bob.userId());
            JsonNode byName = server.http().get("/api/users/alice", bob.token()).body();
            assertThat(byName.get("userId").asLong()).as("an exact name still starts a chat").isEqualTo(alice.userId());
            assertThat(byName.has("online")).as("but tells nothing of a stranger's presence").isFalse();

            assertThat(server.http().post("/api/messages", "{\"clientMsgId\":\"m1\",\"toId\":" + bob.userId()
                    + ",\"content\":{\"contentType\":1,\"body\":\"hi\"}}", alice.token()).status()).isEqualTo(200);

            online = server.http().get("/api/users/online", bob.token()).body();
            assertThat(online.get("total").asInt()).isEqualTo(1);
            assertThat(online.get("users").get(0).get("username").asText()).isEqualTo("alice");
            presence = presence(bob, alice.userId() + "," + bob.userId());
            assertThat(presence.get(0).get("online").asBoolean()).isTrue();
            assertThat(presence.get(1).get("online").asBoolean()).isFalse();
            assertThat(server.http().get("/api/users/alice", bob.token()).body().get("online").asBoolean()).isTrue();
        }
        await().untilAsserted(() -> {
            JsonNode p = presence(bob, String.valueOf(alice.userId())).get(0);
            assertThat(p.get("online").asBoolean()).isFalse();
            assertThat(p.get("lastSeen").asLong()).isPositive();
        });
        TestUser eve = server.user("eve");
        assertThat(presence(eve, String.valueOf(alice.userId()))).as("eve still sees nothing of alice").isEmpty();
        assertThat(server.http().get("/api/presence?userIds=x", bob.token()).status()).isEqualTo(400);
        assertThat(server.http().get("/api/users/online", null).status()).isEqualTo(401);
    }

    @Test
    void lookups_areRateLimitedPerUser() {
        Map<String, String> config = new HashMap<>(TestServer.NO_LIMITS);
        config.put("limits.lookupsPerMinute", "3");
        server = TestServer.start(config);
        TestUser bob = server.user("bob");
        for (int i = 0; i < 3; i++) {
            assertThat(server.http().get("/api/users/nobody" + i, bob.token()).status()).isEqualTo(404);
        }
        Http.Response limited = server.http().get("/api/presence?userIds=1", bob.token());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
        TestUser carol = server.user("carol");
        assertThat(server.http().get("/api/users/bob", carol.token()).status()).as("per user").isEqualTo(200);
    }

    private JsonNode presence(TestUser as, String ids) {
        return server.http().get("/api/presence?userIds=" + ids, as.token()).body().get("presence");
    }
}
