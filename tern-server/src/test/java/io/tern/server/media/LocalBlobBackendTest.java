package io.tern.server.media;

import io.tern.server.core.media.BlobStore;
import io.tern.server.store.DiskBlobStore;
import io.tern.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The media backend contract on local disk (the default). */
class LocalBlobBackendTest extends BlobBackendContract {
    @Override
    BlobStore newStore(Path scratch) throws Exception {
        return new DiskBlobStore(scratch.resolve("media"), scratch.resolve("media").resolve("tmp"));
    }

    @Override
    Map<String, String> serverOverrides() {
        return Map.of();
    }

    @Override
    boolean backendHolds(TestServer server, String sha256) {
        return Files.isRegularFile(server.dataDir().resolve("media").resolve("blobs").resolve(sha256.substring(0, 2))
                .resolve(sha256));
    }
}
