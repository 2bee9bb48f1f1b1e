package io.tern.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.server.TernServer;
import io.tern.server.support.FakeTicker;
import io.tern.server.support.Http;
import io.tern.server.support.MediaHttp;
import io.tern.server.support.MutableClock;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploads no message references are deleted after media.orphanTtl, by a sweep every media.sweepInterval (ticker). */
class MediaSweepTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final FakeTicker ticker = new FakeTicker();
    private TestServer server;
    private MediaHttp media;
    private TestUser alice;
    private TestUser bob;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("media.orphanTtl", "1h", "media.sweepInterval", "5m"),
                TernServer.Environment.system().withClock(clock).withTicker(ticker));
        media = new MediaHttp(server);
        alice = server.user("alice");
        bob = server.user("bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unreferencedUploadIsDeletedAfterTheTtlAndAReferencedOneStays() throws Exception {
        String sent = upload("sent.bin", 1);
        String orphan = upload("orphan.bin", 2);
        Http.Response r = server.http().post("/api/messages", "{\"clientMsgId\":\"c\",\"toId\":" + bob.userId()
                + ",\"content\":{\"contentType\":3,\"mediaId\":\"" + sent + "\"}}", alice.token());
        assertThat(r.status()).isEqualTo(200);
        assertThat(blobs()).isEqualTo(2);

        // old enough, but no sweep is due on the ticker yet
        clock.advance(Duration.ofHours(2));
        ticker.advance(Duration.ofMinutes(4));
        assertThat(media.get("/api/media/" + orphan, alice.token()).status()).isEqualTo(200);

        ticker.advance(Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> media.get("/api/media/" + orphan, alice.token()).status() == 404);
        assertThat(blobs()).isEqualTo(1);
        assertThat(media.get("/api/media/" + sent, alice.token()).status()).isEqualTo(200);
        assertThat(media.get("/api/media/" + sent, bob.token()).status()).isEqualTo(200);
    }

    @Test
    void uploadYoungerThanTheTtlSurvivesASweep() throws Exception {
        String fresh = upload("fresh.bin", 3);
        clock.advance(Duration.ofMinutes(30));
        String older = upload("older.bin", 4);
        clock.advance(Duration.ofMinutes(40)); // fresh is 70 min old, older 40 min

        ticker.advance(Duration.ofMinutes(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> media.get("/api/media/" + fresh, alice.token()).status() == 404);
        assertThat(media.get("/api/media/" + older, alice.token()).status()).isEqualTo(200);
    }

    private String upload(String name, int seed) {
        byte[] bytes = new byte[5_000];
        new Random(seed).nextBytes(bytes);
        Http.Response up = media.upload(alice.token(), name, bytes, "application/octet-stream");
        assertThat(up.status()).isEqualTo(201);
        return up.body().get("mediaId").asText();
    }

    private long blobs() throws Exception {
        try (Stream<Path> all = Files.walk(server.dataDir().resolve("media").resolve("blobs"))) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
