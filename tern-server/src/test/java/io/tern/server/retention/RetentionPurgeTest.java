package io.tern.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.server.TernServer;
import io.tern.server.config.ConfigException;
import io.tern.server.config.ConfigLoader;
import io.tern.server.support.FakeTicker;
import io.tern.server.support.Http;
import io.tern.server.support.MutableClock;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages older than their kind's retention are purged by the job on the ticker; others stay. */
class RetentionPurgeTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeTicker ticker = new FakeTicker();

    private static void send(Http http, TestUser from, String target, String id, String body) {
        Http.Response r = http.post("/api/messages", "{\"clientMsgId\":\"" + id + "\"," + target
                + ",\"content\":{\"contentType\":1,\"body\":\"" + body + "\"}}", from.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    }

    private static List<Long> seqs(Http http, TestUser user, String conversation) {
        JsonNode page = http.get("/api/conversations/" + conversation + "/messages?limit=100", user.token()).body();
        List<Long> out = new ArrayList<>();
        page.get("messages").forEach(m -> out.add(m.get("seq").asLong()));
        return out;
    }

    @Test
    void directMessagesPastRetentionPurgedInBatchesAfterTheInterval_groupKeptForever() {
        try (TestServer server = TestServer.start(Map.of("retention.direct", "7d", "retention.purgeInterval", "1h",
                "retention.purgeBatch", "2"), TernServer.Environment.system().withClock(clock).withTicker(ticker))) {
            Http http = server.http();
            TestUser alice = http.registerAndLogin("alice", null);
            TestUser bob = http.registerAndLogin("bob", null);
            long group = http.post("/api/groups", "{\"name\":\"team\",\"memberIds\":[" + bob.userId() + "]}",
                    alice.token()).body().get("groupId").asLong();
            for (int i = 0; i < 5; i++) {
                send(http, alice, "\"toId\":" + bob.userId(), "old-" + i, "old " + i);
            }
            send(http, alice, "\"groupId\":" + group, "g-old", "old group message");
            String direct = "p:" + alice.userId() + ":" + bob.userId();
            List<Long> groupBefore = seqs(http, bob, "g:" + group);

            clock.advance(Duration.ofDays(8));
            send(http, alice, "\"toId\":" + bob.userId(), "fresh", "fresh");
            assertThat(seqs(http, bob, direct)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

            ticker.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(seqs(http, bob, direct)).containsExactly(6L));
            assertThat(seqs(http, bob, "g:" + group)).isEqualTo(groupBefore);
            // a device that held nothing catches up from the oldest kept message, without an error
            JsonNode sync = http.get("/api/sync?wait=0&cursors=" + direct + "=0", bob.token()).body();
            List<Long> synced = new ArrayList<>();
            sync.get("messages").forEach(m -> {
                if (m.get("conversationId").asText().equals(direct)) {
                    synced.add(m.get("seq").asLong());
                }
            });
            assertThat(synced).containsExactly(6L);

            send(http, bob, "\"toId\":" + alice.userId(), "after", "after the purge");
            assertThat(seqs(http, bob, direct)).containsExactly(6L, 7L); // seqs go on, never reused
        }
    }

    @Test
    void retentionShorterThanTheCatchUpWindow_refusedAtStart() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("retention.group", "1d")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("delivery.catchUpWindow");
    }
}
