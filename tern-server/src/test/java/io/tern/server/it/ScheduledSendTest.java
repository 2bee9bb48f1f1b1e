package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.server.support.Http;
import io.tern.server.support.MutableClock;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled sends over HTTP: delivered when the injected clock reaches their time, cancellable, kept across a
 * restart, refused sends kept as FAILED with the reason, and the documented errors.
 */
class ScheduledSendTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private TestServer server;
    private TestUser alice;
    private TestUser bob;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("messages.maxScheduled", "3"), clock);
        alice = server.user("alice");
        bob = server.user("bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Http.Response schedule(String clientMsgId, String to, String body, long inSeconds) {
        return server.http().post("/api/scheduled", "{\"clientMsgId\":\"" + clientMsgId + "\"," + to
                + ",\"content\":{\"contentType\":1,\"body\":\"" + body + "\"},\"sendAt\":"
                + (clock.millis() + inSeconds * 1000) + "}", alice.token());
    }

    private String toBob() {
        return "\"toId\":" + bob.userId();
    }

    private JsonNode list() {
        return server.http().get("/api/scheduled", alice.token()).body().get("scheduled");
    }

    @Test
    void aScheduledMessageIsDeliveredWhenTheClockReachesItsTime_andACancelledOneNever() {
        Http.Response first = schedule("s1", toBob(), "cancelled", 60);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(schedule("s2", toBob(), "on time", 120).status()).isEqualTo(201);
        assertThat(list()).extracting(s -> s.get("state").asText()).containsExactly("PENDING", "PENDING");
        long cancelled = first.body().get("scheduledId").asLong();
        assertThat(server.http().delete("/api/scheduled/" + cancelled, alice.token()).status()).isEqualTo(200);
        assertThat(server.http().delete("/api/scheduled/" + cancelled, alice.token()).body().get("error").get("code")
                .asText()).isEqualTo("NO_SUCH_SCHEDULED");

        try (WsTestClient b = server.connect(bob)) {
            clock.advance(Duration.ofSeconds(121));
            ChatPush push = b.next(ChatPush.class);
            assertThat(push.content().tree().get("body").asText()).isEqualTo("on time");
            assertThat(push.seq()).as("the cancelled one took no seq").isEqualTo(1);
            assertThat(push.clientMsgId()).isEqualTo("s2");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(list()).isEmpty());
    }

    @Test
    void aScheduledMessageSurvivesARestart() {
        // a restarted test server gets a fresh PostgreSQL database (support/PostgresForTests): SQLite only
        org.junit.jupiter.api.Assumptions.assumeFalse("postgres".equalsIgnoreCase(System.getProperty("tern.test.store")));
        assertThat(schedule("s1", toBob(), "after the restart", 60).status()).isEqualTo(201);
        server = server.restart();
        clock.advance(Duration.ofSeconds(61));
        try (WsTestClient b = server.connect(bob)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(b.pullAll(
                    "p:" + Math.min(alice.userId(), bob.userId()) + ":" + Math.max(alice.userId(), bob.userId()), 0, null))
                    .extracting(p -> p.content().tree().get("body").asText()).containsExactly("after the restart"));
        }
    }

    @Test
    void aSendRefusedAtItsTimeIsKeptAsFailed_withTheReason() {
        long g = server.http().post("/api/groups", "{\"name\":\"team\",\"memberIds\":[" + bob.userId() + "]}",
                alice.token()).body().get("groupId").asLong();
        assertThat(schedule("s1", "\"groupId\":" + g, "too late", 60).status()).isEqualTo(201);
        assertThat(server.http().post("/api/groups/" + g + "/leave", "{}", alice.token()).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(list()).singleElement()
                .satisfies(s -> {
                    assertThat(s.get("state").asText()).isEqualTo("FAILED");
                    assertThat(s.get("error").asText()).isEqualTo("NOT_A_MEMBER");
                }));
    }

    @Test
    void aTimeInThePast_andMoreThanTheLimit_areRefused() {
        Http.Response past = schedule("p", toBob(), "x", -1);
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().get("error").get("code").asText()).isEqualTo("INVALID_FIELD");
        for (int i = 0; i < 3; i++) {
            assertThat(schedule("s" + i, toBob(), "x", 60).status()).isEqualTo(201);
        }
        Http.Response over = schedule("s4", toBob(), "x", 60);
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.body().get("error").get("code").asText()).isEqualTo("SCHEDULE_LIMIT");
    }
}
