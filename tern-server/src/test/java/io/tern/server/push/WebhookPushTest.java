package io.tern.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.server.support.PushReceiver;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notification path end to end with a local webhook receiver standing in for a team's push service: one
 * collapsed notification per burst, none for a device that is online and acking, mutes and mentions, retries
 * after a 500, a dead token, and a restart with jobs queued.
 */
class WebhookPushTest {
    private PushReceiver receiver;
    private PushFixture fx;
    private TestUser alice;
    private TestUser bob;

    @BeforeEach
    void start() {
        receiver = PushReceiver.start();
        fx = new PushFixture(PushFixture.webhook(receiver.url("/hook")));
        alice = fx.user("alice", "a1");
        bob = fx.user("bob", "b1");
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
        receiver.close();
    }

    @Test
    void offlineRecipient_getsExactlyOneCollapsedNotificationPerBurst_signedWithBadge() {
        fx.registerWebhook(bob, "bob-phone");
        WsTestClient a = fx.connect(alice);
        for (int i = 1; i <= 20; i++) {
            PushFixture.send(a, PushFixture.chat("m" + i, bob.userId(), "hello " + i));
        }
        fx.awaitQueued();
        fx.advanceUntil(() -> receiver.requests().size() >= 1);

        PushReceiver.Request first = receiver.requests().get(0);
        assertThat(first.json().get("token").asText()).isEqualTo("bob-phone");
        assertThat(first.json().get("title").asText()).isEqualTo("alice");
        assertThat(first.json().get("body").asText()).isEqualTo("hello 20 (+19 more)");
        assertThat(first.json().get("messages").asInt()).isEqualTo(20);
        assertThat(first.json().get("badge").asLong()).isEqualTo(20);
        assertThat(first.json().get("seq").asLong()).isEqualTo(20);
        String ts = first.header("X-Tern-Timestamp");
        assertThat(first.header("X-Tern-Signature")).isEqualTo("sha256=" + WebhookProvider.sign(
                PushFixture.SECRET.getBytes(StandardCharsets.UTF_8), ts, first.body()));

        // a later burst is a second notification, and only that: the first was not sent twice
        PushFixture.send(a, PushFixture.chat("m21", bob.userId(), "again"));
        fx.awaitQueued();
        fx.advanceUntil(() -> receiver.requests().size() >= 2);
        List<PushReceiver.Request> all = receiver.requests();
        assertThat(all).hasSize(2);
        assertThat(all.get(1).json().get("body").asText()).isEqualTo("again");
        assertThat(all.get(1).json().get("badge").asLong()).isEqualTo(21);
        assertThat(fx.metric("tern_push_sent_total")).isEqualTo(2);
    }

    @Test
    void deviceOnlineAndAcking_getsNoNotification() {
        fx.registerWebhook(bob, "bob-phone");
        WsTestClient a = fx.connect(alice);
        WsTestClient b = fx.connect(bob);
        PushFixture.send(a, PushFixture.chat("m1", bob.userId(), "you are online"));
        ChatPush push = b.next(ChatPush.class);
        b.send(new Ack(push.msgId(), null, null, null));
        fx.awaitQueued();
        fx.advanceUntil(() -> fx.metric("tern_push_skipped_total") >= 1);
        assertThat(receiver.requests()).isEmpty();

        // once offline, the next message is notified: the receiver hears of seq 2 only
        b.close();
        PushFixture.send(a, PushFixture.chat("m2", bob.userId(), "now offline"));
        fx.awaitQueued();
        fx.advanceUntil(() -> receiver.requests().size() >= 1);
        assertThat(receiver.requests()).singleElement()
                .satisfies(r -> assertThat(r.json().get("seq").asLong()).isEqualTo(2));
    }

    @Test
    void mutedGroup_isSilentUnlessTheMessageMentionsTheUser() {
        fx.registerWebhook(bob, "bob-phone");
        long group = fx.http().post("/api/groups", "{\"name\":\"team\",\"memberIds\":[" + bob.userId() + "]}",
                alice.token()).body().get("groupId").asLong();
        assertThat(fx.http().send("PUT", "/api/push/mutes/g:" + group, "{}", bob.token()).status()).isEqualTo(200);
        WsTestClient a = fx.connect(alice);

        long muted = PushFixture.send(a, PushFixture.groupChat("g1", group, "not for you")).seq();
        fx.awaitQueued();
        fx.advanceUntil(() -> fx.metric("tern_push_skipped_total") >= 1);
        assertThat(receiver.requests()).isEmpty();

        long mention = PushFixture.send(a, PushFixture.groupChat("g2", group, "@bob look", bob.userId())).seq();
        fx.awaitQueued();
        fx.advanceUntil(() -> receiver.requests().size() >= 1);
        assertThat(mention).isGreaterThan(muted);
        assertThat(receiver.requests()).singleElement().satisfies(r -> {
            assertThat(r.json().get("seq").asLong()).isEqualTo(mention);
            assertThat(r.json().get("title").asText()).isEqualTo("alice in team");
        });
    }

    @Test
    void failedSend_isRetriedAfterBackoff_withTheSameId() {
        fx.registerWebhook(bob, "bob-phone");
        receiver.answer(500, "{}");
        WsTestClient a = fx.connect(alice);
        PushFixture.send(a, PushFixture.chat("m1", bob.userId(), "retry me"));
        fx.awaitQueued();
        fx.advanceUntil(() -> receiver.requests().size() >= 1);
        assertThat(fx.metric("tern_push_queue_age_seconds")).as("the failed job waits").isGreaterThanOrEqualTo(5);
        fx.advanceUntil(() -> receiver.requests().size() >= 2);
        List<PushReceiver.Request> all = receiver.requests();
        assertThat(all).extracting(PushReceiver.Request::answered).containsExactly(500, 201);
        org.awaitility.Awaitility.await().until(() -> fx.metric("tern_push_queue_age_seconds") == 0);
        assertThat(all.get(1).json().get("id").asText()).isEqualTo(all.get(0).json().get("id").asText());
        assertThat(fx.metric("tern_push_retried_total")).isEqualTo(1);
        assertThat(fx.metric("tern_push_sent_total")).isEqualTo(1);
    }

    @Test
    void webPushEndpointOnTheServersOwnNetwork_isRefused() {
        String keys = "\"keys\":{\"p256dh\":\"BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\","
                + "\"auth\":\"AAAAAAAAAAAAAAAAAAAAAA\"}";
        for (String endpoint : List.of("https://127.0.0.1/x", "https://10.1.2.3/x", "https://[::1]/x",
                "https://localhost:8443/x", "http://push.example.com/x")) {
            io.tern.server.support.Http.Response r = fx.http().post("/api/push/devices",
                    "{\"platform\":\"webpush\",\"subscription\":{\"endpoint\":\"" + endpoint + "\"," + keys + "}}",
                    bob.token());
            assertThat(r.status()).as(endpoint).isEqualTo(400);
            assertThat(r.body().get("error").get("code").asText()).isEqualTo("INVALID_FIELD");
        }
        assertThat(fx.http().post("/api/push/devices", "{\"platform\":\"webpush\",\"subscription\":{\"endpoint\":"
                + "\"https://push.example.com/x\"," + keys + "}}", bob.token()).status()).isEqualTo(201);
    }

    @Test
    void goneAnswer_removesTheDevice() {
        fx.registerWebhook(bob, "bob-phone");
        receiver.answer(410, "{}");
        WsTestClient a = fx.connect(alice);
        PushFixture.send(a, PushFixture.chat("m1", bob.userId(), "anyone?"));
        fx.awaitQueued();
        fx.advanceUntil(() -> fx.http().get("/api/push/devices", bob.token()).body().get("devices").isEmpty());
        assertThat(fx.metric("tern_push_dead_tokens_total")).isEqualTo(1);
    }

    @Test
    void readOnAnotherDevice_cancelsTheNotification() {
        fx.registerWebhook(bob, "bob-phone");
        WsTestClient a = fx.connect(alice);
        long seq = PushFixture.send(a, PushFixture.chat("m1", bob.userId(), "read me elsewhere")).seq();
        fx.awaitQueued();
        TestUser bobLaptop = fx.http().login("bob", "b2");
        WsTestClient laptop = fx.connect(bobLaptop);
        String conversation = "p:" + alice.userId() + ":" + bob.userId();
        laptop.send(new io.tern.protocol.Read(conversation, seq));
        org.awaitility.Awaitility.await().until(() -> fx.http().get("/api/conversations", bob.token()).body()
                .get("conversations").get(0).get("readSeq").asLong() == seq);
        fx.advanceUntil(() -> fx.metric("tern_push_skipped_total") >= 1);
        assertThat(receiver.requests()).isEmpty();
    }
}
