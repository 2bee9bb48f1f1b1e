package io.tern.server.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.Read;
import io.tern.protocol.ReadNotify;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contact requests (accept, decline, mutual), the contact list with presence, {@code auth.directChats=CONTACTS},
 * and the privacy settings, each proved from the side of the user who must not see. Runs on PostgreSQL too.
 */
class ContactsAndPrivacyTest {
    private TestServer server;
    private Http http;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(Map<String, String> overrides) {
        java.util.Map<String, String> all = new java.util.HashMap<>(overrides);
        all.put("limits.lookupsPerMinute", "10000");
        server = TestServer.start(all);
        http = server.http();
    }

    private Http.Response post(TestUser user, String path) {
        return http.post(path, "{}", user.token());
    }

    private Http.Response send(TestUser from, TestUser to, String id) {
        return http.post("/api/messages", "{\"clientMsgId\":\"" + id + "\",\"toId\":" + to.userId()
                + ",\"content\":{\"contentType\":1,\"body\":\"hi\"}}", from.token());
    }

    private void privacy(TestUser user, String json) {
        assertThat(http.send("PUT", "/api/me/privacy", json, user.token()).status()).isEqualTo(200);
    }

    @Test
    void aRequest_isAccepted_orDeclined_andMutualRequestsConnect_withPresenceInTheList() {
        start(Map.of());
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        TestUser carol = server.user("carol");
        assertThat(post(alice, "/api/contacts/requests/" + bob.userId()).body().get("status").asText()).isEqualTo("pending");
        JsonNode bobs = http.get("/api/contacts/requests", bob.token()).body();
        assertThat(bobs.get("incoming").toString()).isEqualTo("[" + alice.userId() + "]");
        assertThat(bobs.get("users").get(Long.toString(alice.userId())).asText()).isEqualTo("alice"); // a stranger's name
        assertThat(http.get("/api/contacts/requests", alice.token()).body().get("outgoing").toString())
                .isEqualTo("[" + bob.userId() + "]");
        assertThat(post(bob, "/api/contacts/requests/" + alice.userId() + "/accept").status()).isEqualTo(200);
        try (WsTestClient b = server.connect(bob)) {
            JsonNode list = http.get("/api/contacts", alice.token()).body().get("contacts");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("username").asText()).isEqualTo("bob");
            assertThat(list.get(0).get("online").asBoolean()).isTrue();
        }
        assertThat(http.get("/api/contacts", bob.token()).body().get("contacts").get(0).get("username").asText())
                .isEqualTo("alice");

        post(carol, "/api/contacts/requests/" + bob.userId());
        assertThat(post(bob, "/api/contacts/requests/" + carol.userId() + "/decline").status()).isEqualTo(200);
        assertThat(http.get("/api/contacts/requests", bob.token()).body().get("incoming")).isEmpty();
        assertThat(post(bob, "/api/contacts/requests/" + carol.userId() + "/accept").status()).isEqualTo(404);

        post(carol, "/api/contacts/requests/" + alice.userId());
        assertThat(post(alice, "/api/contacts/requests/" + carol.userId()).body().get("status").asText())
                .isEqualTo("accepted");
        assertThat(http.get("/api/contacts", carol.token()).body().get("contacts")).hasSize(1);
        assertThat(post(alice, "/api/contacts/requests/" + alice.userId()).status()).isEqualTo(400);
    }

    @Test
    void withContactsOnly_aStrangerCannotStartAChat_aContactCan_andAnExistingChatGoesOn() {
        start(Map.of("auth.directChats", "CONTACTS"));
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        Http.Response refused = send(alice, bob, "c1");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("error").get("code").asText()).isEqualTo("RECIPIENT_REFUSED");
        assertThat(http.get("/api/conversations", bob.token()).body().get("conversations")).isEmpty();

        post(alice, "/api/contacts/requests/" + bob.userId());
        post(bob, "/api/contacts/requests/" + alice.userId() + "/accept");
        assertThat(send(alice, bob, "c2").status()).isEqualTo(200);
        assertThat(http.delete("/api/contacts/" + alice.userId(), bob.token()).status()).isEqualTo(200);
        assertThat(http.get("/api/contacts", alice.token()).body().get("contacts")).isEmpty();
        assertThat(send(alice, bob, "c3").status()).isEqualTo(200); // the conversation exists: it goes on
    }

    @Test
    void presenceNobody_orContacts_hidesPresenceAndLastSeen_fromThoseLeftOut_inEveryList() {
        start(Map.of());
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        TestUser carol = server.user("carol");
        send(alice, bob, "a1");
        send(carol, bob, "c1");
        post(carol, "/api/contacts/requests/" + bob.userId());
        post(bob, "/api/contacts/requests/" + carol.userId() + "/accept");
        try (WsTestClient b = server.connect(bob)) {
            String bobPresence = "/api/presence?userIds=" + bob.userId();
            assertThat(http.get(bobPresence, alice.token()).body().get("presence")).hasSize(1);
            assertThat(http.get("/api/users/online", alice.token()).body().get("users"))
                    .extracting(u -> u.get("username").asText()).containsExactly("bob");

            privacy(bob, "{\"presence\":\"contacts\"}");
            // alice shares a conversation but is no contact: she sees nothing
            assertThat(http.get(bobPresence, alice.token()).body().get("presence")).isEmpty();
            assertThat(http.get("/api/users/online", alice.token()).body().get("users")).isEmpty();
            assertThat(http.get("/api/users/bob", alice.token()).body().has("online")).isFalse();
            // carol is a contact: she does
            assertThat(http.get(bobPresence, carol.token()).body().get("presence")).hasSize(1);
            assertThat(http.get("/api/users/online", carol.token()).body().get("users"))
                    .extracting(u -> u.get("username").asText()).containsExactly("bob");
            assertThat(http.get("/api/contacts", carol.token()).body().get("contacts").get(0).has("online")).isTrue();

            privacy(bob, "{\"presence\":\"nobody\"}");
            assertThat(http.get(bobPresence, carol.token()).body().get("presence")).isEmpty();
            assertThat(http.get("/api/users/online", carol.token()).body().get("users")).isEmpty();
            JsonNode contact = http.get("/api/contacts", carol.token()).body().get("contacts").get(0);
            assertThat(contact.has("online")).isFalse();
            assertThat(contact.has("lastSeen")).isFalse();
            // bob still sees himself
            assertThat(http.get(bobPresence, bob.token()).body().get("presence")).hasSize(1);
            assertThat(http.get("/api/me/privacy", bob.token()).body().toString())
                    .contains("\"presence\":\"nobody\"").contains("\"receipts\":\"everyone\"");
            assertThat(http.send("PUT", "/api/me/privacy", "{\"presence\":\"friends\"}", bob.token()).status())
                    .isEqualTo(400);
        }
    }

    @Test
    void receiptsNobody_tellsOnlyTheReadersOwnDevices() {
        start(Map.of());
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        TestUser bobPhone = http.login("bob", "phone");
        send(alice, bob, "r1");
        String conv = "p:" + alice.userId() + ":" + bob.userId();
        privacy(bob, "{\"receipts\":\"nobody\"}");
        try (WsTestClient a = server.connect(alice); WsTestClient b1 = server.connect(bob);
             WsTestClient b2 = server.connect(bobPhone)) {
            b1.send(new Read(conv, 1L));
            assertThat(b2.next(ReadNotify.class)).isEqualTo(new ReadNotify(conv, bob.userId(), 1));
            a.assertNoFrame(ReadNotify.class);
            await().untilAsserted(() -> assertThat(http.get("/api/conversations", bob.token()).body()
                    .get("conversations").get(0).get("readSeq").asLong()).isEqualTo(1));
            assertThat(http.get("/api/conversations/" + conv + "/reads?seq=1", alice.token()).body().get("readers"))
                    .isEmpty();
        }
    }

    @Test
    void aRequestFromABlockedUser_looksPending_butNeverReachesTheBlocker() {
        start(Map.of());
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        http.send("PUT", "/api/blocks/" + alice.userId(), "{}", bob.token());
        assertThat(post(alice, "/api/contacts/requests/" + bob.userId()).body().get("status").asText())
                .isEqualTo("pending");
        assertThat(http.get("/api/contacts/requests", bob.token()).body().get("incoming")).isEmpty();
        Http.Response own = post(bob, "/api/contacts/requests/" + alice.userId());
        assertThat(own.body().get("error").get("code").asText()).isEqualTo("USER_BLOCKED");
    }
}
