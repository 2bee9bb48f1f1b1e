package io.tern.server.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creating the data directory and proving it can be written, before SQLite fails on it less clearly. */
final class DataDirs {
    private DataDirs() {
    }

    static Path createWritable(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StartupException(StartupException.DATA_DIR, "cannot create data directory "
                    + dataDir.toAbsolutePath() + " (" + DataDirLock.reason(e)
                    + "): create it, or choose another with --data-dir");
        }
        Path db = dataDir.resolve("tern.db");
        if (!Files.isWritable(dataDir) || Files.exists(db) && !Files.isWritable(db)) {
            throw new StartupException(StartupException.DATA_DIR, "data directory " + dataDir.toAbsolutePath()
                    + " or its tern.db is read-only for this user: fix its owner or permissions");
        }
        return dataDir;
    }
}
