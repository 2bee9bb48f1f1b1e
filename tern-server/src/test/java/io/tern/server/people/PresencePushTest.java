package io.tern.server.people;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.Frame;
import io.tern.protocol.PresenceNotify;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PRESENCE_NOTIFY pushed live, each rule proved from the side of the user who must not be told. "Not told" is
 * proved without waiting: the notices are announced one user at a time in the order the changes happened, so
 * once a later change's notice reached the viewer, an earlier one would have too ({@link #fence}).
 */
class PresencePushTest {
    private TestServer server;
    private Http http;
    private TestUser alice;
    private TestUser bob;
    private TestUser carol;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("limits.lookupsPerMinute", "10000"));
        http = server.http();
        alice = server.user("alice");
        bob = server.user("bob");
        carol = server.user("carol");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void send(TestUser from, TestUser to) {
        assertThat(http.post("/api/messages", "{\"clientMsgId\":\"" + java.util.UUID.randomUUID() + "\",\"toId\":"
                + to.userId() + ",\"content\":{\"contentType\":1,\"body\":\"hi\"}}", from.token()).status()).isEqualTo(200);
    }

    private void contacts(TestUser a, TestUser b) {
        http.post("/api/contacts/requests/" + b.userId(), "{}", a.token());
        assertThat(http.post("/api/contacts/requests/" + a.userId() + "/accept", "{}", b.token()).status()).isEqualTo(200);
    }

    private void privacy(TestUser user, String json) {
        assertThat(http.send("PUT", "/api/me/privacy", json, user.token()).status()).isEqualTo(200);
    }

    private static PresenceNotify presenceOf(WsTestClient ws, TestUser user, boolean online) {
        return ws.next(PresenceNotify.class, p -> p.userId() == user.userId() && p.online() == online);
    }

    /**
     * Makes {@code marker} (whom the viewer may see) come online, waits for that notice, and asserts that no notice
     * about {@code hidden} came before it: had one been due, it was queued earlier and announced first.
     */
    private void fence(WsTestClient viewer, TestUser marker, TestUser hidden) {
        fence(viewer, marker, f -> isAbout(f, hidden));
    }

    private void fence(WsTestClient viewer, TestUser marker, java.util.function.Predicate<Frame> forbidden) {
        try (WsTestClient m = server.connect(marker)) {
            presenceOf(viewer, marker, true);
        }
        presenceOf(viewer, marker, false);
        assertThat(viewer.skipped()).noneMatch(forbidden);
    }

    /** A notice that shows something: online, or when last seen (not the bare "offline" a hidden user shows). */
    private static boolean reveals(Frame f, TestUser user) {
        return isAbout(f, user) && (((PresenceNotify) f).online() || ((PresenceNotify) f).lastSeen() != null);
    }

    private static boolean isAbout(Frame f, TestUser user) {
        return f instanceof PresenceNotify p && p.userId() == user.userId();
    }

    @Test
    void aChatPartner_isToldWhenTheFirstDeviceComes_andTheLastGoes_notForTheDevicesBetween() {
        send(alice, bob);
        send(alice, carol);
        try (WsTestClient a = server.connect(alice)) {
            WsTestClient phone = server.connect(bob);
            PresenceNotify on = presenceOf(a, bob, true);
            assertThat(on.lastSeen()).isPositive();
            TestUser laptop = http.login("bob", "laptop");
            WsTestClient second = server.connect(laptop);
            fence(a, carol, bob); // the second device is no news
            phone.close();
            fence(a, carol, bob); // nor is the first device leaving while the laptop stays
            second.close();
            PresenceNotify off = presenceOf(a, bob, false);
            assertThat(off.lastSeen()).isGreaterThanOrEqualTo(on.lastSeen());
            assertThat(io.tern.server.support.Scrape.metrics(server.port())).contains("tern_presence_dropped_total 0.0");
        }
    }

    @Test
    void aStranger_isNeverTold() {
        send(alice, carol);
        TestUser dave = server.user("dave");
        send(dave, carol);
        try (WsTestClient d = server.connect(dave)) {
            server.connect(alice).close(); // alice shares nothing with dave
            fence(d, carol, alice);
        }
    }

    @Test
    void presenceContacts_tellsAContact_notAChatPartner() {
        send(alice, bob);
        send(carol, bob);
        contacts(carol, bob);
        privacy(bob, "{\"presence\":\"contacts\"}");
        send(alice, carol);
        try (WsTestClient a = server.connect(alice); WsTestClient c = server.connect(carol)) {
            a.next(PresenceNotify.class, p -> p.userId() == carol.userId());
            try (WsTestClient b = server.connect(bob)) {
                presenceOf(c, bob, true); // the contact is told
            }
            presenceOf(c, bob, false);
            // bob's privacy change told his chat partners "offline" with no last seen, all they may see from now on;
            // that notice is sent in the background and may reach alice after she connected, but nothing more may
            fence(a, carol2(), f -> reveals(f, bob));
        }
    }

    /** A second user alice chats with, to fence alice's notices after carol's own connection is taken. */
    private TestUser carol2() {
        TestUser erin = server.user("erin");
        send(erin, alice);
        return erin;
    }

    @Test
    void presenceNobody_tellsNoOne_notEvenAContact() {
        send(alice, carol);
        contacts(bob, carol);
        privacy(bob, "{\"presence\":\"nobody\"}");
        try (WsTestClient c = server.connect(carol)) {
            server.connect(bob).close();
            // the privacy change tells carol a bare "offline" in the background (it may reach her after she
            // connected); nothing that shows bob online or when he was last seen may
            fence(c, alice, f -> reveals(f, bob));
        }
    }

    @Test
    void aBlock_keepsBothSidesUntold_andUnblockingTellsThemAgain() {
        send(alice, bob);
        send(alice, carol);
        send(bob, carol);
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            presenceOf(a, bob, true);
            assertThat(http.send("PUT", "/api/blocks/" + alice.userId(), "{}", bob.token()).status()).isEqualTo(200);
            assertThat(http.get("/api/blocks", bob.token()).body().get("users").get(Long.toString(alice.userId())).asText())
                    .isEqualTo("alice");
            // the block itself tells each side only "offline", as if the other had left
            PresenceNotify hidden = presenceOf(a, bob, false);
            assertThat(hidden.lastSeen()).isNull();
            presenceOf(b, alice, false);
            TestUser bobLaptop = http.login("bob", "laptop");
            b.close();
            server.connect(bobLaptop).close(); // bob leaves, comes, leaves: alice hears nothing of it
            fence(a, carol, bob);
            TestUser aliceLaptop = http.login("alice", "laptop");
            try (WsTestClient b2 = server.connect(bobLaptop)) {
                server.connect(aliceLaptop).close(); // alice's second device: no news either way
                a.close();
                fence(b2, carol, alice); // alice's last device went: bob is not told
                assertThat(http.delete("/api/blocks/" + alice.userId(), bob.token()).status()).isEqualTo(200);
                try (WsTestClient a2 = server.connect(aliceLaptop)) {
                    presenceOf(b2, alice, true);
                    // a device that connects reads the others' state once; notices then keep it current
                    assertThat(http.get("/api/presence?userIds=" + bob.userId(), aliceLaptop.token()).body()
                            .get("presence").get(0).get("online").asBoolean()).isTrue();
                }
            }
        }
    }

    @Test
    void narrowingPrivacy_tellsThoseLeftOut_offlineWithoutLastSeen_andWideningTellsThemTheTruth() {
        send(alice, bob);
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            presenceOf(a, bob, true);
            privacy(bob, "{\"presence\":\"nobody\"}");
            PresenceNotify hidden = presenceOf(a, bob, false);
            assertThat(hidden.lastSeen()).isNull();
            privacy(bob, "{\"presence\":\"everyone\"}");
            presenceOf(a, bob, true);
        }
    }

    @Test
    void aContactMade_orRemoved_underContactsOnly_showsOrHidesPresenceAtOnce() {
        privacy(bob, "{\"presence\":\"contacts\"}");
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            contacts(alice, bob);
            presenceOf(a, bob, true);
            assertThat(http.delete("/api/contacts/" + bob.userId(), alice.token()).status()).isEqualTo(200);
            assertThat(presenceOf(a, bob, false).lastSeen()).isNull();
        }
    }
}
