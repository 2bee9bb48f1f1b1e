package io.tern.server.core.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Local files for uploads in progress and for re-encoded images before they are stored, whatever the blob
 * backend: type detection and image decoding need a file to read twice. Emptied at start (uploads cut short by
 * the last stop).
 */
public final class ScratchDir {
    private final Path dir;

    public ScratchDir(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (Stream<Path> leftovers = Files.list(dir)) {
            for (Path p : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A new empty file. */
    public Path newFile() throws IOException {
        return Files.createTempFile(dir, "up-", ".part");
    }

    public Path dir() {
        return dir;
    }
}
