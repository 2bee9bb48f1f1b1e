package io.tern.server.core.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One upload in progress: each chunk goes straight to a temporary file and into the SHA-256, so a large file
 * is never held in memory. Used by one thread at a time (the caller orders the writes).
 */
public final class UploadSink {
    private final Path file;
    private final FileChannel channel;
    private final MessageDigest digest;
    private long size;
    private boolean closed;

    UploadSink(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Appends the buffers' remaining bytes. */
    public void write(ByteBuffer... buffers) {
        try {
            for (ByteBuffer b : buffers) {
                digest.update(b.duplicate());
                while (b.hasRemaining()) {
                    size += channel.write(b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write upload", e);
        }
    }

    public long size() {
        return size;
    }

    Path file() {
        return file;
    }

    /** Closes the file (forced to disk) and returns the hex SHA-256 of everything written. */
    String finish() throws IOException {
        channel.force(true);
        channel.close();
        closed = true;
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Drops the upload: closes and deletes the temporary file. Safe to call more than once. */
    public void abort() {
        try {
            if (!closed) {
                closed = true;
                channel.close();
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete upload " + file, e);
        }
    }
}
