package io.tern.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.server.TernServer;
import io.tern.server.support.FakeTicker;
import io.tern.server.support.Http;
import io.tern.server.support.MediaHttp;
import io.tern.server.support.MutableClock;
import io.tern.server.support.TestImages;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2: media that only purged history used is deleted from storage by the purge run itself (the
 * regular media sweep is set to run almost never here); media a kept message still names stays.
 */
class RetentionMediaTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeTicker ticker = new FakeTicker();

    @Test
    void purgeDeletesMediaOnlyPurgedMessagesUsed_andKeepsMediaAKeptMessageNames() throws Exception {
        try (TestServer server = TestServer.start(Map.of("retention.direct", "7d", "retention.purgeInterval", "1h",
                "retention.purgeBatch", "2", "media.orphanTtl", "1h", "media.sweepInterval", "3650d"),
                TernServer.Environment.system().withClock(clock).withTicker(ticker))) {
            MediaHttp media = new MediaHttp(server);
            TestUser alice = server.user("alice");
            TestUser bob = server.user("bob");
            byte[][] oldFiles = {bytes(1), bytes(2), bytes(3)};
            String[] oldIds = new String[3];
            for (int i = 0; i < 3; i++) {
                oldIds[i] = upload(media, alice, "old" + i + ".bin", oldFiles[i]);
                send(server, alice, bob, "old-" + i, 3, oldIds[i]);
            }
            byte[] photo = TestImages.png(640, 480);
            String shared = upload(media, alice, "shared.png", photo);
            send(server, alice, bob, "shared-old", 2, shared);

            clock.advance(Duration.ofDays(8));
            send(server, alice, bob, "shared-again", 2, shared); // the same photo in a message that is kept
            byte[] freshFile = bytes(4);
            String fresh = upload(media, alice, "fresh.bin", freshFile);
            send(server, alice, bob, "fresh", 3, fresh);
            for (byte[] f : oldFiles) {
                assertThat(blobOnDisk(server, f)).isTrue();
            }

            ticker.advance(Duration.ofHours(1)); // the purge is due; the media sweep is not

            await().atMost(Duration.ofSeconds(30)).until(() -> !blobOnDisk(server, oldFiles[0])
                    && !blobOnDisk(server, oldFiles[1]) && !blobOnDisk(server, oldFiles[2]));
            for (String id : oldIds) {
                assertThat(media.get("/api/media/" + id, alice.token()).status()).as("uploader too").isEqualTo(404);
            }
            assertThat(media.get("/api/media/" + shared, bob.token()).status()).isEqualTo(200);
            assertThat(media.get("/api/media/" + shared + "/thumbnail", bob.token()).status()).isEqualTo(200);
            assertThat(media.get("/api/media/" + fresh, bob.token()).body()).isEqualTo(freshFile);
        }
    }

    private static String upload(MediaHttp media, TestUser who, String name, byte[] bytes) {
        Http.Response up = media.upload(who.token(), name, bytes, "application/octet-stream");
        assertThat(up.status()).as(String.valueOf(up.body())).isEqualTo(201);
        return up.body().get("mediaId").asText();
    }

    private static void send(TestServer server, TestUser from, TestUser to, String id, int type, String mediaId) {
        Http.Response r = server.http().post("/api/messages", "{\"clientMsgId\":\"" + id + "\",\"toId\":" + to.userId()
                + ",\"content\":{\"contentType\":" + type + ",\"mediaId\":\"" + mediaId + "\"}}", from.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    }

    private static byte[] bytes(int seed) {
        byte[] b = new byte[4_000];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static boolean blobOnDisk(TestServer server, byte[] bytes) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Path blob = server.dataDir().resolve("media").resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha);
        return Files.exists(blob);
    }
}
