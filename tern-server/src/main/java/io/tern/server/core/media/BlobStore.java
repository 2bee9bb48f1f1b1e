package io.tern.server.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Content-addressed bytes: a blob's name is the SHA-256 of its bytes, so equal files are kept once, and a blob
 * never changes once stored. Local disk ({@code store.DiskBlobStore}) and S3-compatible object storage
 * ({@code store.S3BlobStore}) implement it; both are run through the same contract test. Every method may block
 * (disk or network), so callers are on the blocking pool.
 */
public interface BlobStore {
    /**
     * Stores {@code length} bytes read from {@code in} under {@code sha256}; if that blob exists already the
     * bytes are read and dropped. Never holds the whole blob in memory. Does not close {@code in}.
     */
    void put(String sha256, InputStream in, long length) throws IOException;

    /** Stores a complete local file under its hash and deletes the file; backends may move it instead of copying. */
    default void putFile(String sha256, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            put(sha256, in, Files.size(file));
        }
        Files.deleteIfExists(file);
    }

    /** The blob's bytes from {@code start}, {@code length} of them; the caller closes the stream. */
    InputStream open(String sha256, long start, long length) throws IOException;

    boolean exists(String sha256);

    /** Deletes the blob; deleting one that is not there is not an error. */
    void delete(String sha256) throws IOException;

    /** Blob names are lower-case hex SHA-256; anything else never reaches a file name or an object key. */
    static String checked(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
        }
        return sha256;
    }
}
