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
 * or a reader.
 *
 * <p>The log is only reused from its start once a checkpoint has copied all of it, and under a steady stream of
 * commits a checkpoint running beside the writer never quite catches up: the log would grow without end. So
 * once it is longer than {@value #LONG_LOG_PAGES} pages and this thread has copied all but at most
 * {@value #WRITER_REST_PAGES} of them, the writer, right after a commit, runs one PASSIVE checkpoint itself
 * ({@link #afterCommit}) to copy the rest, and its next transaction starts the log again. A long read (a
 * backup) holds every checkpoint back, so the log grows while it runs, as it would with SQLite's own.
 */
final class WalCheckpointer implements AutoCloseable {
    static final long INTERVAL_MILLIS = 250;
    /** 16 MiB of 4 KiB pages. */
    static final long LONG_LOG_PAGES = 4096;
    /**
     * The writer copies only a rest this small (4 MiB, what one of SQLite's own checkpoints copied): after a long
     * read (a backup) held the thread back, the thread catches up first, not the writer while senders wait.
     */
    static final long WRITER_REST_PAGES = 1024;
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    /** What one checkpoint found: pages in the log, and how many of them are now in the database file. */
    record Result(boolean busy, long logPages, long checkpointedPages) {
    }

    private final Connection connection;
    private final ScheduledExecutorService thread;
    private boolean failing;
    /** The last reading of either thread that was not busy: pages in the log, and how many were copied. */
    private volatile Result last = new Result(false, 0, 0);

    /** Takes over {@code connection}; checkpoints every {@code intervalMillis} until closed (0: only when asked). */
    static WalCheckpointer start(Connection connection, long intervalMillis) {
        WalCheckpointer c = new WalCheckpointer(connection, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tern-checkpoint");
            t.setDaemon(true);
            return t;
        }));
        if (intervalMillis > 0) {
            c.thread.scheduleWithFixedDelay(c::checkpointQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
        return c;
    }

    private WalCheckpointer(Connection connection, ScheduledExecutorService thread) {
        this.connection = connection;
        this.thread = thread;
    }

    /** One PASSIVE checkpoint, now, on the caller's thread. */
    Result checkpoint() throws SQLException {
        synchronized (connection) {
            return passive(connection);
        }
    }

    /**
     * Called by the writer right after a commit, on its own connection: if the log is long, copies what the
     * checkpoint thread has not, so that the next write transaction starts the log again.
     */
    void afterCommit(Connection writer) throws SQLException {
        Result seen = last;
        if (seen.logPages() >= LONG_LOG_PAGES && seen.logPages() - seen.checkpointedPages() <= WRITER_REST_PAGES) {
            Result r = passive(writer);
            if (!r.busy() && r.checkpointedPages() == r.logPages()) {
                // all copied: the next transaction starts the log again, unless a reader still holds it — then
                // the thread's next reading (within INTERVAL_MILLIS) says so and the writer tries again
                last = new Result(false, 0, 0);
            }
        }
    }

    private Result passive(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            Result r = new Result(rs.getInt(1) != 0, rs.getLong(2), rs.getLong(3));
            if (!r.busy() && r.logPages() >= 0) { // busy: another checkpoint runs, and the counts are -1
                last = r;
            }
            return r;
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
