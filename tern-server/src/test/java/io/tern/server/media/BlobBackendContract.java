package io.tern.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tern.server.TernServer;
import io.tern.server.core.media.BlobStore;
import io.tern.server.support.FakeTicker;
import io.tern.server.support.Http;
import io.tern.server.support.MediaHttp;
import io.tern.server.support.MutableClock;
import io.tern.server.support.TestImages;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every media storage backend must do, run against each ({@link LocalBlobBackendTest},
 * {@link S3BlobBackendTest}): the {@link BlobStore} operations directly, and the whole server on top of it —
 * upload, download, Range, ETag, HEAD, signed links, thumbnails and the orphan sweep.
 */
abstract class BlobBackendContract {
    @TempDir
    Path tmp;

    /** A fresh store of this backend. */
    abstract BlobStore newStore(Path scratch) throws Exception;

    /** Server settings that select this backend. */
    abstract Map<String, String> serverOverrides();

    /** Whether the backend holds the blob, looked up without going through Tern. */
    abstract boolean backendHolds(TestServer server, String sha256);

    @Test
    void blobPutAsAStreamIsReadBackWholeAndByRange() throws Exception {
        BlobStore store = newStore(tmp);
        byte[] bytes = random(3 * 1024 * 1024 + 17, 1); // past any single buffer of the HTTP stack
        String sha = sha256(bytes);
        assertThat(store.exists(sha)).isFalse();

        store.put(sha, new ByteArrayInputStream(bytes), bytes.length);

        assertThat(store.exists(sha)).isTrue();
        assertThat(read(store.open(sha, 0, bytes.length))).isEqualTo(bytes);
        assertThat(read(store.open(sha, 1_000_000, 70_000))).isEqualTo(Arrays.copyOfRange(bytes, 1_000_000, 1_070_000));
        assertThat(read(store.open(sha, bytes.length - 5, 5))).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 5,
                bytes.length));
    }

    @Test
    void fileIsConsumedAndTheSameHashTwiceKeepsOneBlob() throws Exception {
        BlobStore store = newStore(tmp);
        byte[] bytes = random(10_000, 2);
        String sha = sha256(bytes);
        Path file = Files.write(tmp.resolve("one.part"), bytes);
        store.putFile(sha, file);
        assertThat(file).doesNotExist();

        Path again = Files.write(tmp.resolve("two.part"), bytes);
        store.putFile(sha, again);
        assertThat(again).doesNotExist();
        store.put(sha, new ByteArrayInputStream(bytes), bytes.length);
        assertThat(read(store.open(sha, 0, bytes.length))).isEqualTo(bytes);
    }

    @Test
    void deletedBlobIsGoneAndDeletingTwiceIsNoError() throws Exception {
        BlobStore store = newStore(tmp);
        byte[] bytes = random(1_000, 3);
        String sha = sha256(bytes);
        store.put(sha, new ByteArrayInputStream(bytes), bytes.length);
        store.delete(sha);
        assertThat(store.exists(sha)).isFalse();
        store.delete(sha);
        assertThatThrownBy(() -> read(store.open(sha, 0, 10))).isInstanceOf(IOException.class);
    }

    @Test
    void namesThatAreNotAHashNeverReachTheBackend() throws Exception {
        BlobStore store = newStore(tmp);
        assertThatThrownBy(() -> store.exists("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("ABC")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverStoresDownloadsRangesAndSignsLinksOnThisBackend() throws Exception {
        try (TestServer server = TestServer.start(serverOverrides())) {
            MediaHttp media = new MediaHttp(server);
            TestUser alice = server.user("alice");
            byte[] bytes = random(200_000, 4);
            Http.Response up = media.upload(alice.token(), "data.bin", bytes, "application/octet-stream");
            assertThat(up.status()).as(String.valueOf(up.body())).isEqualTo(201);
            String id = up.body().get("mediaId").asText();
            assertThat(backendHolds(server, sha256(bytes))).isTrue();

            MediaHttp.Download whole = media.get("/api/media/" + id, alice.token());
            assertThat(whole.status()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(bytes);
            assertThat(whole.header("etag")).isEqualTo("\"" + sha256(bytes) + "\"");
            assertThat(media.get("/api/media/" + id, alice.token(), "If-None-Match", whole.header("etag")).status())
                    .isEqualTo(304);

            MediaHttp.Download part = media.get("/api/media/" + id, alice.token(), "Range", "bytes=70000-140000");
            assertThat(part.status()).isEqualTo(206);
            assertThat(part.header("content-range")).isEqualTo("bytes 70000-140000/200000");
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes, 70_000, 140_001));
            assertThat(media.get("/api/media/" + id, alice.token(), "Range", "bytes=-7").body())
                    .isEqualTo(Arrays.copyOfRange(bytes, 199_993, 200_000));
            assertThat(media.get("/api/media/" + id, alice.token(), "Range", "bytes=300000-").status()).isEqualTo(416);

            MediaHttp.Download head = media.head("/api/media/" + id, alice.token());
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("200000");

            String url = server.http().get("/api/media/" + id + "/link", alice.token()).body().get("url").asText();
            MediaHttp.Download signed = media.get(url, null);
            assertThat(signed.status()).isEqualTo(200);
            assertThat(signed.body()).isEqualTo(bytes);
            assertThat(media.get(url, null, "Range", "bytes=0-9").body()).isEqualTo(Arrays.copyOf(bytes, 10));
        }
    }

    @Test
    void imageAndItsThumbnailAreServedFromThisBackend() throws Exception {
        try (TestServer server = TestServer.start(serverOverrides())) {
            MediaHttp media = new MediaHttp(server);
            TestUser alice = server.user("alice");
            Http.Response up = media.upload(alice.token(), "pic.png", TestImages.png(800, 600), "image/png");
            assertThat(up.status()).isEqualTo(201);
            String id = up.body().get("mediaId").asText();
            MediaHttp.Download thumb = media.get("/api/media/" + id + "/thumbnail", alice.token());
            assertThat(thumb.status()).isEqualTo(200);
            assertThat(TestImages.size(thumb.body())).containsExactly(320, 240);
            assertThat(backendHolds(server, sha256(thumb.body()))).isTrue();
            MediaHttp.Download full = media.get("/api/media/" + id, alice.token());
            assertThat(TestImages.size(full.body())).containsExactly(800, 600);
        }
    }

    @Test
    void sweptOrphanIsDeletedFromThisBackend() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
        FakeTicker ticker = new FakeTicker();
        Map<String, String> overrides = new HashMap<>(serverOverrides());
        overrides.putAll(Map.of("media.orphanTtl", "1h", "media.sweepInterval", "5m"));
        try (TestServer server = TestServer.start(overrides,
                TernServer.Environment.system().withClock(clock).withTicker(ticker))) {
            MediaHttp media = new MediaHttp(server);
            TestUser alice = server.user("alice");
            byte[] bytes = random(5_000, 5);
            assertThat(media.upload(alice.token(), "o.bin", bytes, "application/octet-stream").status()).isEqualTo(201);
            assertThat(backendHolds(server, sha256(bytes))).isTrue();

            clock.advance(Duration.ofHours(2));
            ticker.advance(Duration.ofMinutes(5));

            await().atMost(Duration.ofSeconds(20)).until(() -> !backendHolds(server, sha256(bytes)));
        }
    }

    static byte[] random(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
