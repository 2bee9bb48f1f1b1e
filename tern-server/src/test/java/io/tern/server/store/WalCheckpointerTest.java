package io.tern.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits never copy the write-ahead log back (SQLite's default would, in the message writer's commit, once the
 * log passes 1000 pages); the checkpoint thread does, so the log is reused from its start instead of growing.
 */
class WalCheckpointerTest {
    @TempDir
    Path dir;
    private Database database;

    @BeforeEach
    void open() {
        TernConfig config = ConfigLoader.load(null, Map.of(), Map.of("store.dataDir", dir.toString()));
        database = Database.sqlite(config.store());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void connections_doNotCheckpointInTheirCommits() throws Exception {
        database.inWriteTransaction(c -> {
            assertThat(pragma(c, "wal_autocheckpoint")).isZero();
            return null;
        });
        try (Connection pooled = database.pool().getConnection()) {
            assertThat(pragma(pooled, "wal_autocheckpoint")).isZero();
        }
    }

    @Test
    void theCheckpointThread_copiesTheLogBack() throws Exception {
        database.inWriteTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)");
            }
            return null;
        });
        // ~3000 pages of log: past SQLite's default auto-checkpoint (1000 pages), which a commit would have run
        for (int batch = 0; batch < 30; batch++) {
            database.inWriteTransaction(c -> {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO filler (body) VALUES (?)")) {
                    for (int i = 0; i < 100; i++) {
                        st.setBytes(1, new byte[4000]);
                        st.addBatch();
                    }
                    st.executeBatch();
                }
                return null;
            });
        }
        // every page the commits wrote is copied by the thread, within a few of its rounds: read from the shared
        // WAL index, which this test only looks at (a checkpoint of the test's own would prove nothing; the log
        // may have started again meanwhile, if the thread copied all of it between two commits)
        await().atMost(Duration.ofSeconds(20)).until(() -> logged() > 0 && backfilled() == logged());
        try (Connection c = database.pool().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM filler")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3000);
        }
    }

    @Test
    void aLongLogThatTheThreadCouldNotFinish_isFinishedByTheWriter_andThenStartsAgain() throws Exception {
        database.close();
        TernConfig config = ConfigLoader.load(null, Map.of(), Map.of("store.dataDir", dir.toString()));
        database = Database.sqlite(config.store(), 0); // no thread: this test runs the checkpoints
        database.inWriteTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body BLOB)");
            }
            return null;
        });
        fill(4500); // past LONG_LOG_PAGES
        try (Connection reader = database.pool().getConnection(); Statement st = reader.createStatement()) {
            reader.setAutoCommit(false);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM filler")) { // holds its snapshot
                rs.next();
            }
            fill(500); // the log now runs past the reader's snapshot by a rest the writer may copy
            WalCheckpointer.Result r = database.checkpoint(); // as the thread would: stops at the reader's snapshot
            assertThat(r.logPages()).isGreaterThan(WalCheckpointer.LONG_LOG_PAGES);
            assertThat(r.checkpointedPages()).isLessThan(r.logPages());
            assertThat(r.logPages() - r.checkpointedPages()).isLessThanOrEqualTo(WalCheckpointer.WRITER_REST_PAGES);
            reader.commit();
        }
        fill(1); // the writer copies the rest after this commit ...
        fill(1); // ... so this one starts the log again
        assertThat(logged()).isLessThan(100);
    }

    @Test
    void aLargeRestLeftByALongRead_isLeftToTheThread_notCopiedByTheWriterWhileSendersWait() throws Exception {
        database.close();
        TernConfig config = ConfigLoader.load(null, Map.of(), Map.of("store.dataDir", dir.toString()));
        database = Database.sqlite(config.store(), 0);
        database.inWriteTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body BLOB)");
            }
            return null;
        });
        fill(100);
        try (Connection reader = database.pool().getConnection(); Statement st = reader.createStatement()) {
            reader.setAutoCommit(false);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM filler")) {
                rs.next();
            }
            fill(4500); // a backup's worth of commits behind the reader
            database.checkpoint();
            reader.commit();
        }
        fill(1);
        fill(1); // the writer copied nothing: the log goes on from where it was
        assertThat(logged()).isGreaterThan(WalCheckpointer.LONG_LOG_PAGES);
        assertThat(backfilled()).isLessThan(logged());
    }

    private void fill(int rows) throws Exception {
        database.inWriteTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO filler (body) VALUES (?)")) {
                for (int i = 0; i < rows; i++) {
                    st.setBytes(1, new byte[4000]);
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** mxFrame of the WAL index header: pages in the log (walformat.html, native byte order). */
    private long logged() throws java.io.IOException {
        return shm().getInt(16) & 0xFFFFFFFFL;
    }

    /** nBackfill of the checkpoint info after the two header copies: pages already copied back. */
    private long backfilled() throws java.io.IOException {
        return shm().getInt(96) & 0xFFFFFFFFL;
    }

    private java.nio.ByteBuffer shm() throws java.io.IOException {
        byte[] head = new byte[136];
        try (var in = java.nio.file.Files.newInputStream(dir.resolve("tern.db-shm"))) {
            assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
        }
        return java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.nativeOrder());
    }

    private static long pragma(Connection c, String name) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
