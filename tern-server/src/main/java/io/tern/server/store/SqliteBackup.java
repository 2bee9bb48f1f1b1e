package io.tern.server.store;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.admin.Backups;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * An online backup with {@code VACUUM INTO}: one read transaction on a pooled connection, so it sees one
 * consistent snapshot (every message committed before it started, none half-written) and, in WAL mode,
 * never blocks the writer. The copy is a complete, compacted database file that {@code tern-server
 * restore} takes as it is. PostgreSQL is backed up with pg_dump instead (docs/operations.md).
 */
public final class SqliteBackup implements Backups {
    private final Database database;

    public SqliteBackup(Database database) {
        this.database = database;
    }

    @Override
    public long backupTo(String file) {
        if (database.dialect() != Dialect.SQLITE) {
            throw new TernException(ErrorCode.BACKUP_FAILED, "online backup is for SQLite; back up PostgreSQL with pg_dump");
        }
        try (Connection c = database.pool().getConnection()) {
            return vacuumInto(c, Path.of(file));
        } catch (SQLException e) {
            throw new TernException(ErrorCode.BACKUP_FAILED, "backup failed: " + e.getMessage());
        }
    }

    /** A backup of the database file of a stopped server (the caller holds the data directory's lock). */
    public static long backupFile(Path database, Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath())) {
            return vacuumInto(c, file);
        }
    }

    private static long vacuumInto(Connection c, Path file) throws SQLException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw new TernException(ErrorCode.BACKUP_FAILED, "backup file " + target + " exists already");
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new TernException(ErrorCode.BACKUP_FAILED, "no directory " + target.getParent() + " for the backup");
        }
        try (PreparedStatement st = c.prepareStatement("VACUUM INTO ?")) {
            st.setString(1, target.toString());
            st.execute();
        }
        try {
            return Files.size(target);
        } catch (IOException e) {
            throw new TernException(ErrorCode.BACKUP_FAILED, "backup written but unreadable: " + e.getMessage());
        }
    }
}
