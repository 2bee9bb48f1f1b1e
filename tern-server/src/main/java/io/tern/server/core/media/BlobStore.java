package io.tern.server.core.media;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Content-addressed bytes: a blob's name is the SHA-256 of its bytes, so equal files are kept once. Uploads
 * are written to a temporary file first and moved in when complete.
 */
public interface BlobStore {
    /** A new empty temporary file on the same file system as the blobs. */
    Path newTempFile() throws IOException;

    /** Moves a complete file in under its hash; if that blob exists already the file is just deleted. */
    void put(String sha256, Path file) throws IOException;

    /** Where the blob's bytes are, for reading. */
    Path locate(String sha256);

    boolean exists(String sha256);

    void delete(String sha256) throws IOException;
}
