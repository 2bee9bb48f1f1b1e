package io.tern.server.admin;

import io.tern.server.config.TernConfig;
import io.tern.server.startup.DataDirLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code tern-server restore FILE --data-dir DIR}: makes a backup the data directory's database. Refuses while
 * a server holds the directory. The database it replaces (with its WAL files) is moved aside, not deleted;
 * the next server start migrates the restored schema forward if the backup came from an older version.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup FILE into the data directory of a stopped server.")
public final class RestoreCommand implements Callable<Integer> {
    private static final String[] DB_FILES = {"tern.db", "tern.db-wal", "tern.db-shm"};

    @Mixin
    TargetOptions target;

    @Parameters(paramLabel = "FILE", description = "a file written by tern-server backup")
    Path file;

    @Override
    public Integer call() {
        return Operators.run(() -> {
            if (target.remote()) {
                throw new OperatorException("restore works on a stopped server's --data-dir, not on --url");
            }
            TernConfig config = target.localConfig();
            if (config.store().kind() != TernConfig.StoreKind.SQLITE) {
                throw new OperatorException("the store is PostgreSQL: restore it with pg_restore (docs/operations.md)");
            }
            long version = check(file);
            Path dir = config.store().dataDir();
            try (DataDirLock lock = DataDirLock.acquire(dir)) {
                Map<String, Object> out = new LinkedHashMap<>();
                Path aside = dir.resolve("before-restore-" + System.currentTimeMillis());
                for (String name : DB_FILES) {
                    if (Files.exists(dir.resolve(name))) {
                        Files.createDirectories(aside);
                        Files.move(dir.resolve(name), aside.resolve(name));
                        out.put("movedAside", aside.toAbsolutePath().toString());
                    }
                }
                Files.copy(file, dir.resolve("tern.db"), StandardCopyOption.COPY_ATTRIBUTES);
                out.put("restored", file.toAbsolutePath().toString());
                out.put("dataDir", dir.toAbsolutePath().toString());
                out.put("schemaVersion", version);
                return out;
            } catch (IOException e) {
                throw new OperatorException("restore failed: " + e.getMessage());
            }
        });
    }

    /** The backup's schema version, after SQLite found the file intact; refuses anything else. */
    private static long check(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new OperatorException("no backup file " + file);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                if (!rs.next() || !"ok".equals(rs.getString(1))) {
                    throw new OperatorException(file + " is damaged (integrity check failed)");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new OperatorException(file + " is not a Tern backup: " + e.getMessage());
        }
    }
}
