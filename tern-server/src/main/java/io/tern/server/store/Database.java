package io.tern.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tern.server.config.TernConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database: a pool for reads and short writes, and one dedicated connection for the message writer
 * thread (the only writer of messages). Migrates the schema when opened.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Connection writeConnection;
    private final Dialect dialect;

    private Database(HikariDataSource pool, Connection writeConnection, Dialect dialect) {
        this.pool = pool;
        this.writeConnection = writeConnection;
        this.dialect = dialect;
    }

    /** Opens (creating if needed) {@code tern.db} in the data directory, in WAL mode. */
    public static Database sqlite(TernConfig.Store config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        Path file = config.dataDir().resolve("tern.db");
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(config.synchronous() == TernConfig.Synchronous.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            Connection writer = source.getConnection();
            Migrations.migrate(writer, Dialect.SQLITE);
            writer.setAutoCommit(false);
            return new Database(pool(source, config.readPoolSize()), writer, Dialect.SQLITE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(DataSource source, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName("tern-store");
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        return new HikariDataSource(hikari);
    }

    public DataSource pool() {
        return pool;
    }

    /** The connection of the single writer thread; auto-commit is off. */
    Connection writeConnection() {
        return writeConnection;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        try {
            writeConnection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        pool.close();
    }
}
