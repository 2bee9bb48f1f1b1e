package io.tern.server.admin;

import io.tern.server.config.TernConfig;
import io.tern.server.startup.DataDirLock;
import io.tern.server.store.SqliteBackup;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code tern-server backup FILE}: a consistent copy of the SQLite store. With {@code --url} the running
 * server writes it (FILE is a path on the server's machine) while it keeps serving; with {@code --data-dir}
 * it is copied from a stopped server's directory.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up the SQLite store of a running (--url) or stopped (--data-dir) server to FILE.")
public final class BackupCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Parameters(paramLabel = "FILE", description = "the backup file to write; must not exist")
    Path file;

    @Override
    public Integer call() {
        Path absolute = file.toAbsolutePath();
        return Operators.run(() -> {
            if (target.remote()) {
                return target.remoteAdmin().call("POST", "/api/admin/backup", Map.of("file", absolute.toString()));
            }
            TernConfig config = target.localConfig();
            if (config.store().kind() != TernConfig.StoreKind.SQLITE) {
                throw new OperatorException("the store is PostgreSQL: back it up with pg_dump (docs/operations.md)");
            }
            try (DataDirLock lock = DataDirLock.acquire(config.store().dataDir())) {
                long bytes = SqliteBackup.backupFile(config.store().dataDir().resolve("tern.db"), absolute);
                return Map.of("file", absolute.toString(), "bytes", bytes);
            } catch (java.sql.SQLException e) {
                throw new OperatorException("backup failed: " + e.getMessage());
            }
        });
    }
}
