package io.tern.server.store;

import io.tern.server.core.media.BlobStore;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blobs as files under the media directory: {@code blobs/ab/abcdef...} (the SHA-256 in hex, fanned out by its
 * first two characters so no directory grows huge), uploads in progress in {@code tmp/}, emptied at start.
 */
public final class DiskBlobStore implements BlobStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path blobs;
    private final Path tmp;

    public DiskBlobStore(Path dir) throws IOException {
        this.blobs = Files.createDirectories(dir.resolve("blobs"));
        this.tmp = Files.createDirectories(dir.resolve("tmp"));
        try (Stream<Path> leftovers = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p); // uploads cut short by the last stop
            }
        }
    }

    @Override
    public Path newTempFile() throws IOException {
        return Files.createTempFile(tmp, "up-", ".part");
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
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
    public Path locate(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
        }
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    @Override
    public boolean exists(String sha256) {
        return Files.exists(locate(sha256));
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(locate(sha256));
    }
}
