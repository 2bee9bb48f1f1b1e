package io.tern.server;

import io.tern.server.config.TernConfig;
import io.tern.server.core.media.BlobStore;
import io.tern.server.core.media.LinkSigner;
import io.tern.server.core.media.MediaService;
import io.tern.server.core.media.ScratchDir;
import io.tern.server.store.Database;
import io.tern.server.store.DiskBlobStore;
import io.tern.server.store.JdbcMediaStore;
import io.tern.server.store.S3BlobStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * The media service of the composition root: uploads in {@code media.dir} or an S3-compatible bucket
 * ({@code media.storage}); scratch files for uploads in progress and the link key (unless {@code media.linkKey}
 * is set) stay in {@code media.dir}.
 */
final class MediaSetup {
    private MediaSetup() {
    }

    /** {@code closeables} gets what the server must close when it stops (the S3 client). */
    static MediaService open(TernConfig.Media m, Database database, Clock clock, List<AutoCloseable> closeables) {
        SecureRandom random = new SecureRandom();
        try {
            ScratchDir scratch = new ScratchDir(m.dir().resolve("tmp"));
            BlobStore blobs;
            if (m.s3() == null) {
                blobs = new DiskBlobStore(m.dir(), scratch.dir());
            } else {
                S3BlobStore s3 = S3BlobStore.open(m.s3());
                closeables.add(s3);
                blobs = s3;
            }
            LinkSigner signer = m.linkKey().isEmpty() ? LinkSigner.fromKeyFile(m.dir().resolve("link.key"), random)
                    : new LinkSigner(Base64.getDecoder().decode(m.linkKey()));
            return new MediaService(new JdbcMediaStore(database), blobs, scratch, signer, clock, random, m);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the media directory " + m.dir() + ": " + e.getMessage(), e);
        }
    }
}
