package io.tern.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.Http;
import io.tern.server.support.PushReceiver;
import io.tern.server.support.TestUser;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device registration, listing, removal (by the user, on logout), settings and mutes, and their errors. */
class PushDevicesTest {
    private PushReceiver receiver;
    private PushFixture fx;
    private TestUser bob;

    @BeforeEach
    void start() {
        receiver = PushReceiver.start();
        fx = new PushFixture(Map.of("push.webhook.url", receiver.url("/hook"), "push.webhook.secret", PushFixture.SECRET,
                "push.maxDevicesPerUser", "2", "push.webpush.allowInsecure", "true"));
        bob = fx.user("bob", "b1");
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
        receiver.close();
    }

    private Http.Response post(TestUser user, String json) {
        return fx.http().post("/api/push/devices", json, user.token());
    }

    @Test
    void register_list_delete_onlyOwnDevices() {
        long id = fx.registerWebhook(bob, "bob-phone");
        Http.Response list = fx.http().get("/api/push/devices", bob.token());
        assertThat(list.body().get("devices")).singleElement().satisfies(d -> {
            assertThat(d.get("id").asLong()).isEqualTo(id);
            assertThat(d.get("platform").asText()).isEqualTo("webhook");
            assertThat(d.get("token").asText()).isEqualTo("bob-phone");
            assertThat(d.get("deviceId").asText()).isEqualTo("b1");
            assertThat(d.get("locale").asText()).isEqualTo("en");
        });
        TestUser eve = fx.user("eve", "e1");
        assertThat(fx.http().get("/api/push/devices", eve.token()).body().get("devices")).isEmpty();
        Http.Response foreign = fx.http().delete("/api/push/devices/" + id, eve.token());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().get("error").get("code").asText()).isEqualTo("NO_SUCH_PUSH_DEVICE");

        assertThat(fx.http().delete("/api/push/devices/" + id, bob.token()).status()).isEqualTo(200);
        assertThat(fx.http().get("/api/push/devices", bob.token()).body().get("devices")).isEmpty();
    }

    @Test
    void sameTokenAgain_replacesTheRegistration_andTheLimitCounts() {
        fx.registerWebhook(bob, "t1");
        fx.registerWebhook(bob, "t1");
        fx.registerWebhook(bob, "t2");
        Http.Response third = post(bob, "{\"platform\":\"webhook\",\"token\":\"t3\"}");
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.body().get("error").get("code").asText()).isEqualTo("PUSH_DEVICE_LIMIT");
        assertThat(fx.http().get("/api/push/devices", bob.token()).body().get("devices")).hasSize(2);
    }

    @Test
    void badRegistrations_areRefusedWithClearCodes() {
        assertThat(code(post(bob, "{\"platform\":\"pager\",\"token\":\"x\"}"))).isEqualTo("INVALID_FIELD");
        assertThat(code(post(bob, "{\"platform\":\"webhook\"}"))).isEqualTo("INVALID_FIELD");
        assertThat(code(post(bob, "{\"platform\":\"webhook\",\"token\":\"x\",\"locale\":\"<script>\"}")))
                .isEqualTo("INVALID_FIELD");
        Http.Response fcm = post(bob, "{\"platform\":\"fcm\",\"token\":\"x\"}");
        assertThat(fcm.status()).isEqualTo(400);
        assertThat(code(fcm)).isEqualTo("PUSH_PLATFORM_UNAVAILABLE");
        assertThat(code(post(bob, "{\"platform\":\"webpush\",\"subscription\":{\"endpoint\":\"ftp://x\","
                + "\"keys\":{\"p256dh\":\"AAAA\",\"auth\":\"AAAA\"}}}"))).isEqualTo("INVALID_FIELD");
        assertThat(code(post(bob, "{\"platform\":\"webpush\",\"subscription\":{\"endpoint\":\"http://127.0.0.1/x\","
                + "\"keys\":{\"p256dh\":\"AAAA\",\"auth\":\"AAAA\"}}}"))).isEqualTo("INVALID_FIELD");
        assertThat(fx.http().post("/api/push/devices", "{\"platform\":\"webhook\",\"token\":\"x\"}", null).status())
                .isEqualTo(401);
    }

    @Test
    void logout_removesTheDevicesOfThatLogin() {
        fx.registerWebhook(bob, "bob-phone");
        TestUser bobLaptop = fx.http().login("bob", "b2");
        fx.registerWebhook(bobLaptop, "bob-laptop");
        assertThat(fx.http().post("/api/logout", "{}", bob.token()).status()).isEqualTo(200);
        fx.advanceUntil(() -> fx.http().get("/api/push/devices", bobLaptop.token()).body().get("devices").size() == 1);
        assertThat(fx.http().get("/api/push/devices", bobLaptop.token()).body().get("devices").get(0).get("token").asText())
                .isEqualTo("bob-laptop");
    }

    @Test
    void settingsAndMutes_roundTrip_andOnlyForOwnConversations() {
        Http.Response s = fx.http().send("PUT", "/api/push/settings", "{\"preview\":false,\"dndUntil\":0}", bob.token());
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.body().get("preview").asBoolean()).isFalse();
        TestUser alice = fx.user("alice", "a1");
        String conversation = "p:" + Math.min(alice.userId(), bob.userId()) + ":" + Math.max(alice.userId(), bob.userId());
        assertThat(code(fx.http().send("PUT", "/api/push/mutes/g:999", "{}", bob.token()))).isEqualTo("NOT_A_MEMBER");
        PushFixture.send(fx.connect(alice), PushFixture.chat("m1", bob.userId(), "hi"));
        long until = System.currentTimeMillis() + 3_600_000;
        Http.Response mute = fx.http().send("PUT", "/api/push/mutes/" + conversation, "{\"until\":" + until + "}", bob.token());
        assertThat(mute.status()).isEqualTo(200);
        assertThat(fx.http().get("/api/push/settings", bob.token()).body().get("mutes")).singleElement()
                .satisfies(m -> assertThat(m.get("until").asLong()).isEqualTo(until));
        assertThat(code(fx.http().send("PUT", "/api/push/mutes/" + conversation, "{\"until\":1}", bob.token())))
                .isEqualTo("INVALID_FIELD");
        TestUser eve = fx.user("eve", "e1");
        assertThat(code(fx.http().send("PUT", "/api/push/mutes/" + conversation, "{}", eve.token()))).isEqualTo("NOT_A_MEMBER");
        assertThat(fx.http().delete("/api/push/mutes/" + conversation, bob.token()).status()).isEqualTo(200);
        assertThat(fx.http().get("/api/push/settings", bob.token()).body().get("mutes")).isEmpty();
    }

    @Test
    void withoutPreview_theNotificationCarriesNoSenderOrText() {
        fx.registerWebhook(bob, "bob-phone");
        fx.http().send("PUT", "/api/push/settings", "{\"preview\":false}", bob.token());
        TestUser alice = fx.user("alice", "a1");
        PushFixture.send(fx.connect(alice), PushFixture.chat("m1", bob.userId(), "secret plans"));
        fx.awaitQueued();
        fx.advanceUntil(() -> receiver.requests().size() >= 1);
        assertThat(receiver.requests().get(0).json().get("body").asText()).isEqualTo("New message");
        assertThat(receiver.requests().get(0).text()).doesNotContain("secret plans").doesNotContain("alice");
    }

    @Test
    void doNotDisturb_silencesNotifications() {
        fx.registerWebhook(bob, "bob-phone");
        long until = System.currentTimeMillis() + 3_600_000;
        fx.http().send("PUT", "/api/push/settings", "{\"dndUntil\":" + until + "}", bob.token());
        TestUser alice = fx.user("alice", "a1");
        PushFixture.send(fx.connect(alice), PushFixture.chat("m1", bob.userId(), "shh"));
        fx.awaitQueued();
        fx.advanceUntil(() -> fx.metric("tern_push_skipped_total") >= 1);
        assertThat(receiver.requests()).isEmpty();
    }

    private static String code(Http.Response r) {
        return r.body().get("error").get("code").asText();
    }
}
