package io.tern.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tern.server.config.TernConfig;
import io.tern.server.startup.StartWait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database: a pool for reads and short writes, and the connection of the message writer thread (the
 * only writer of messages on this node). SQLite gets one dedicated writer connection; PostgreSQL borrows a
 * pooled one per transaction, so a connection broken by a database restart is replaced by the pool instead
 * of failing every later batch. Migrates the schema when opened.
 */
public final class Database implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Database.class);
    /** How long a PostgreSQL borrower waits for a connection: an outage must fail sends fast, not hang them. */
    private static final long PG_CONNECTION_TIMEOUT_MS = 2_000;

    private final HikariDataSource pool;
    /** The SQLite writer connection; null for PostgreSQL, which borrows from the pool. */
    private final Connection writeConnection;
    /**
     * One transaction at a time on the writer connection, whoever runs it: SQLite has no nested transactions, and a
     * second BEGIN on the same connection while one is open fails ("cannot start a transaction within a
     * transaction"). The server has one writer, but a second store on the same database (tests do that) must wait
     * its turn rather than fail.
     */
    private final Object writeLock = new Object();
    private final Dialect dialect;
    /** SQLite's log copier; null for PostgreSQL. */
    private final WalCheckpointer checkpointer;
    /** Guarded by writeLock: warn once per run of failed checkpoints after commits. */
    private boolean checkpointFailing;

    private Database(HikariDataSource pool, Connection writeConnection, Dialect dialect, WalCheckpointer checkpointer) {
        this.pool = pool;
        this.writeConnection = writeConnection;
        this.dialect = dialect;
        this.checkpointer = checkpointer;
    }

    /** Checkpoints are {@link WalCheckpointer}'s, never a commit's. */
    private static final String NO_AUTO_CHECKPOINT = "PRAGMA wal_autocheckpoint=0";
    private static final long WAL_SIZE_LIMIT = 64L << 20;

    private static void noAutoCheckpoint(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(NO_AUTO_CHECKPOINT);
        }
    }

    /** Opens (creating if needed) {@code tern.db} in the data directory, in WAL mode. */
    public static Database sqlite(TernConfig.Store config) {
        return sqlite(config, WalCheckpointer.INTERVAL_MILLIS);
    }

    /** As above; {@code checkpointMillis} 0 runs no checkpoint thread (tests drive {@link #checkpoint()}). */
    static Database sqlite(TernConfig.Store config, long checkpointMillis) {
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
        // the log file is cut back to this once a checkpoint has copied it all (it is reused from its start)
        sqlite.setPragma(SQLiteConfig.Pragma.JOURNAL_SIZE_LIMIT, Long.toString(WAL_SIZE_LIMIT));
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Connection writer = null;
        HikariDataSource pool = null;
        Connection checkpoints = null;
        try {
            writer = source.getConnection();
            noAutoCheckpoint(writer);
            Migrations.migrate(writer, Dialect.SQLITE);
            pool = pool(source, config.readPoolSize(), NO_AUTO_CHECKPOINT);
            checkpoints = source.getConnection();
            noAutoCheckpoint(checkpoints);
            return new Database(pool, writer, Dialect.SQLITE, WalCheckpointer.start(checkpoints, checkpointMillis));
        } catch (SQLException | RuntimeException e) {
            // a caller that retries, or a test, must not be left with the file open
            closeQuietly(checkpoints);
            if (pool != null) {
                pool.close();
            }
            closeQuietly(writer);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot open SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing a connection after a failed open: {}", e.toString());
        }
    }

    /** Opens the store the configuration names. */
    public static Database open(TernConfig.Store config) {
        return config.kind() == TernConfig.StoreKind.POSTGRES ? postgres(config) : sqlite(config);
    }

    /**
     * Connects to PostgreSQL and migrates the schema. Several nodes may start at once: the migration holds
     * an advisory lock, so exactly one of them migrates and the others find the schema done.
     */
    public static Database postgres(TernConfig.Store config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setPoolName("tern-store");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(PG_CONNECTION_TIMEOUT_MS);
        // Start even while PostgreSQL is briefly away (a node restarted during an outage); the migration
        // below still needs it, and fails the start-up if it stays away.
        hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("connectTimeout", "3");
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource pool = new HikariDataSource(hikari);
        try {
            // each attempt itself waits up to PG_CONNECTION_TIMEOUT_MS for a connection, then backs off
            return StartWait.system().until("PostgreSQL at " + config.jdbcUrl(), config.startWait(),
                    e -> e instanceof SQLException sql && unreachable(sql), () -> {
                        try (Connection c = pool.getConnection()) {
                            Migrations.migrate(c, Dialect.POSTGRES);
                            return new Database(pool, null, Dialect.POSTGRES, null);
                        }
                    });
        } catch (RuntimeException e) {
            pool.close();
            Throwable cause = e instanceof IllegalStateException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot open PostgreSQL database " + config.jdbcUrl() + ": "
                    + cause.getMessage(), cause);
        }
    }

    /**
     * A failure to reach the server (SQLState class 08, or a pool timeout with no other cause) rather than a
     * refusal (wrong password, no such database), which waiting would not cure.
     */
    private static boolean unreachable(SQLException e) {
        SQLException cause = e.getCause() instanceof SQLException c ? c : null;
        String state = cause != null ? cause.getSQLState() : e.getSQLState();
        return state == null ? e instanceof java.sql.SQLTransientConnectionException : state.startsWith("08");
    }

    private static HikariDataSource pool(DataSource source, int size, String initSql) {
        HikariConfig hikari = new HikariConfig();
        hikari.setConnectionInitSql(initSql);
        hikari.setDataSource(source);
        hikari.setPoolName("tern-store");
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        return new HikariDataSource(hikari);
    }

    public DataSource pool() {
        return pool;
    }

    /**
     * Runs work in one transaction on the writer connection. SQLite needs BEGIN IMMEDIATE: a deferred
     * transaction that reads first and writes later fails at once with SQLITE_BUSY when another connection
     * committed in between (its snapshot is stale), instead of waiting for the lock.
     */
    <T> T inWriteTransaction(SqlWork<T> work) throws SQLException {
        if (writeConnection == null) {
            try (Connection c = pool.getConnection()) {
                return inTransaction(c, work);
            }
        }
        synchronized (writeLock) {
            T result = inTransaction(writeConnection, work);
            try {
                checkpointer.afterCommit(writeConnection);
                checkpointFailing = false;
            } catch (SQLException | RuntimeException e) {
                // committed all the same: the caller's work succeeded, and the checkpoint thread goes on
                if (!checkpointFailing) {
                    log.warn("checkpoint after a commit failed (the log grows until one succeeds): {}", e.toString());
                }
                checkpointFailing = true;
            }
            return result;
        }
    }

    /**
     * After a failed write transaction whose statements were closed: rolls back whatever SQLite may still hold
     * open on the writer connection (a COMMIT and its ROLLBACK both refused while a statement was still active
     * would leave it open, and every later BEGIN would fail). Harmless when nothing is open.
     */
    void abandonWriteTransaction() {
        if (writeConnection == null || dialect != Dialect.SQLITE) {
            return;
        }
        synchronized (writeLock) {
            try (Statement st = writeConnection.createStatement()) {
                st.execute("ROLLBACK");
            } catch (SQLException nothingOpen) {
                // "no transaction is active": the usual case
            }
        }
    }

    /** A pooled PostgreSQL connection goes back with autoCommit off; HikariCP resets it on return. */
    private <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try (Statement st = c.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
            }
        } else {
            c.setAutoCommit(false);
        }
        try {
            T result = work.run(c);
            if (dialect == Dialect.SQLITE) {
                try (Statement st = c.createStatement()) {
                    st.execute("COMMIT");
                }
            } else {
                c.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                if (dialect == Dialect.SQLITE) {
                    try (Statement st = c.createStatement()) {
                        st.execute("ROLLBACK");
                    }
                } else {
                    c.rollback();
                }
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Whether the store answers a trivial query within two seconds. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(2);
            st.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether writes go through one long-lived connection (SQLite) rather than the pool. */
    boolean hasWriterConnection() {
        return writeConnection != null;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** One checkpoint now, on the caller's thread (SQLite); null for PostgreSQL. */
    WalCheckpointer.Result checkpoint() throws SQLException {
        return checkpointer == null ? null : checkpointer.checkpoint();
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        try {
            if (writeConnection != null) {
                writeConnection.close();
            }
        } catch (SQLException ignored) {
            // closing anyway
        }
        pool.close();
    }
}
