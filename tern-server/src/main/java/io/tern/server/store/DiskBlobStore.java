package io.tern.server.store;

import io.tern.server.core.media.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Blobs as files under the media directory: {@code blobs/ab/abcdef...} (the SHA-256 in hex, fanned out by its
 * first two characters so no directory grows huge). A blob appears under its name only complete: bytes are
 * written to a file in the scratch directory (same file system) and moved in.
 */
public final class DiskBlobStore implements BlobStore {
    private final Path blobs;
    private final Path scratch;

    /** {@code scratch} must be on the same file system as {@code dir}, so the final move is a rename. */
    public DiskBlobStore(Path dir, Path scratch) throws IOException {
        this.blobs = Files.createDirectories(dir.resolve("blobs"));
        this.scratch = Files.createDirectories(scratch);
    }

    @Override
    public void put(String sha256, InputStream in, long length) throws IOException {
        Path tmp = Files.createTempFile(scratch, "put-", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                long copied = in.transferTo(out);
                if (copied != length) {
                    throw new IOException("expected " + length + " bytes for blob " + sha256 + ", got " + copied);
                }
            }
            putFile(sha256, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void putFile(String sha256, Path file) throws IOException {
        Path target = locate(sha256);
        if (Files.exists(target)) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public InputStream open(String sha256, long start, long length) throws IOException {
        FileChannel file = FileChannel.open(locate(sha256));
        try {
            if (start + length > file.size()) {
                throw new IOException("blob " + sha256 + " has " + file.size() + " bytes, asked up to " + (start + length));
            }
            file.position(start);
            return new BoundedInputStream(Channels.newInputStream(file), length);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Files.exists(locate(sha256));
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(locate(sha256));
    }

    private Path locate(String sha256) {
        BlobStore.checked(sha256);
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
