package io.tern.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.core.media.BlobStore;
import io.tern.server.store.S3BlobStore;
import io.tern.server.support.S3ForTests;
import io.tern.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The media backend contract on an S3 API server (s3proxy on loopback), through the AWS SDK v2. */
class S3BlobBackendTest extends BlobBackendContract {
    private static S3ForTests s3;
    private S3BlobStore store;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ForTests.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    BlobStore newStore(Path scratch) {
        store = S3BlobStore.open(config(s3.mediaOverrides()).media().s3());
        return store;
    }

    @Override
    Map<String, String> serverOverrides() {
        return s3.mediaOverrides();
    }

    @Override
    boolean backendHolds(TestServer server, String sha256) {
        boolean inBucket = s3.holds("blobs/" + sha256.substring(0, 2) + "/" + sha256);
        assertThat(Files.exists(server.dataDir().resolve("media").resolve("blobs"))).as("no local blobs on S3").isFalse();
        return inBucket;
    }

    @Test
    void prefixKeepsTernsObjectsApartInASharedBucket() throws Exception {
        Map<String, String> settings = new HashMap<>(s3.mediaOverrides());
        settings.put("media.s3.prefix", "tern/");
        try (S3BlobStore prefixed = S3BlobStore.open(config(settings).media().s3())) {
            byte[] bytes = random(100, 9);
            String sha = sha256(bytes);
            prefixed.put(sha, new java.io.ByteArrayInputStream(bytes), bytes.length);
            assertThat(s3.holds("tern/blobs/" + sha.substring(0, 2) + "/" + sha)).isTrue();
            assertThat(s3.holds("blobs/" + sha.substring(0, 2) + "/" + sha)).isFalse();
        }
    }

    @Test
    void wrongSecretOrMissingBucketFailsTheStartWithOneClearLine() {
        Map<String, String> wrong = new HashMap<>(s3.mediaOverrides());
        wrong.put("media.s3.secretAccessKey", "not-the-secret");
        assertThatThrownBy(() -> S3BlobStore.open(config(wrong).media().s3()))
                .hasMessageStartingWith("media.s3.bucket tern-media cannot be reached at " + s3.endpoint());
        Map<String, String> missing = new HashMap<>(s3.mediaOverrides());
        missing.put("media.s3.bucket", "no-such-bucket");
        assertThatThrownBy(() -> S3BlobStore.open(config(missing).media().s3()))
                .hasMessageStartingWith("media.s3.bucket no-such-bucket cannot be reached");
    }

    private static TernConfig config(Map<String, String> settings) {
        return ConfigLoader.load(null, Map.of(), settings);
    }
}
