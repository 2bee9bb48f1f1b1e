package io.tern.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file from a thread of its own. By default SQLite does
 * that inside whichever commit finds the log past 1000 pages — usually the message writer's — and that commit
 * then copies about 4 MB and fsyncs the database file while every sender waits for its CHAT_RESP: at the p2p
 * maximum that cost a sixth of the throughput. Every connection is opened with {@code wal_autocheckpoint=0},
 * and this thread runs a PASSIVE checkpoint every {@value #INTERVAL_MILLIS} ms: it never waits for the writer
 * or a reader, and copies every page no reader still needs, so the log is reused from its start as before.
 */
final class WalCheckpointer implements AutoCloseable {
    static final long INTERVAL_MILLIS = 250;
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    /** What one checkpoint found: pages in the log, and how many of them are now in the database file. */
    record Result(boolean busy, long logPages, long checkpointedPages) {
    }

    private final Connection connection;
    private final ScheduledExecutorService thread;
    private boolean failing;

    /** Takes over {@code connection}; checkpoints on a schedule until closed. */
    static WalCheckpointer start(Connection connection) {
        WalCheckpointer c = new WalCheckpointer(connection, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tern-checkpoint");
            t.setDaemon(true);
            return t;
        }));
        c.thread.scheduleWithFixedDelay(c::checkpointQuietly, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return c;
    }

    private WalCheckpointer(Connection connection, ScheduledExecutorService thread) {
        this.connection = connection;
        this.thread = thread;
    }

    /** One PASSIVE checkpoint, now, on the caller's thread. */
    Result checkpoint() throws SQLException {
        synchronized (connection) {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                rs.next();
                return new Result(rs.getInt(1) != 0, rs.getLong(2), rs.getLong(3));
            }
        }
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) { // once per run of failures: the log grows meanwhile, nothing is lost
                log.warn("WAL checkpoint failed (the log grows until one succeeds): {}", e.toString());
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (connection) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
