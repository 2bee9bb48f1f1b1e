package io.tern.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.core.message.Draft;
import io.tern.server.core.search.MessageSearch;
import io.tern.server.support.PostgresForTests;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search text follows the messages: written in their commit, replaced or removed by the calls an edit or
 * recall makes in its commit, gone with a purged message, and filled for messages older than the index.
 */
class SearchIndexTest {
    @TempDir
    Path dir;
    private Map<String, String> settings;
    private Database database;
    private JdbcMessageStore messages;
    private final AtomicLong ids = new AtomicLong();
    private long ann;
    private long ben;

    @BeforeEach
    void open() throws Exception {
        settings = new HashMap<>(Map.of("store.dataDir", dir.toString()));
        settings.putAll(PostgresForTests.storeOverrides());
        reopen();
        ann = account("ann");
        ben = account("ben");
    }

    private void reopen() {
        if (database != null) {
            database.close();
        }
        TernConfig config = ConfigLoader.load(null, Map.of(), settings);
        database = Database.open(config.store());
        messages = new JdbcMessageStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private long account(String name) throws Exception {
        try (Connection c = database.pool().getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO accounts (username, password_hash, created_at) VALUES (?, 'x', 0) RETURNING id")) {
            st.setString(1, name);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String conversation() {
        return "p:" + Math.min(ann, ben) + ":" + Math.max(ann, ben);
    }

    private void send(String body) {
        messages.commit(List.of(Draft.direct(ann, "c" + ids.incrementAndGet(), ben,
                "{\"contentType\":1,\"body\":\"" + body + "\"}")), List.of(), 1_000, () -> "m" + ids.incrementAndGet());
    }

    private List<String> found(String query) {
        return new JdbcMessageSearch(database).find(ben, null, query, Long.MAX_VALUE, 50).stream()
                .map(MessageSearch.Found::text).toList();
    }

    private void inWriter(Work work) throws Exception {
        database.inWriteTransaction(c -> {
            try (Statements st = new Statements(c)) {
                work.run(st);
            }
            return null;
        });
    }

    private interface Work {
        void run(Statements st) throws java.sql.SQLException;
    }

    @Test
    void replaceAndRemove_changeWhatIsFound_inTheCallersCommit() throws Exception {
        send("original words");
        send("recall me please");
        inWriter(st -> SearchIndex.replace(st, conversation(), 1, "{\"contentType\":1,\"body\":\"edited 文字\"}"));
        inWriter(st -> SearchIndex.remove(st, conversation(), 2));
        assertThat(found("original")).isEmpty();
        assertThat(found("edited")).containsExactly("edited 文字");
        assertThat(found("文字")).containsExactly("edited 文字");
        assertThat(found("recall")).isEmpty();
        assertThat(found("please")).isEmpty();
    }

    @Test
    void aDeletedMessage_takesItsTextWithIt() throws Exception {
        send("short lived");
        try (Connection c = database.pool().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM messages");
            try (var rs = st.executeQuery("SELECT COUNT(*) FROM message_text")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
        assertThat(found("lived")).isEmpty();
    }

    @Test
    void messagesOlderThanTheIndex_areFilledIn_byTheMigrationBackfill() throws Exception {
        send("older english text");
        send("更早的中文消息");
        try (Connection c = database.pool().getConnection(); Statement st = c.createStatement()) {
            // as before the index: no text; then what the migration runs for the messages it finds
            st.executeUpdate("DELETE FROM message_text");
            assertThat(found("english")).isEmpty();
            Dialect dialect = database.dialect();
            st.executeUpdate(dialect.sql(dialect == Dialect.SQLITE
                    ? Migrations.SEARCH_BACKFILL_SQLITE : Migrations.SEARCH_BACKFILL_POSTGRES));
        }
        assertThat(found("english")).containsExactly("older english text");
        assertThat(found("中文消息")).containsExactly("更早的中文消息");
        send("newer english text");
        assertThat(found("english")).containsExactly("newer english text", "older english text");
    }

    private long indexed() throws Exception {
        try (Connection c = database.pool().getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT indexed_through FROM search_progress")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void indexTrailingTheWriter_stillFindsEverything_andEditsAndRemovalsOfIndexedRowsLeaveIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(database.dialect() == Dialect.SQLITE,
                "the trailing FTS index is SQLite's; PostgreSQL indexes in the commit");
        send("alpha harbour one");
        send("alpha harbour two");
        send("alpha harbour three");
        assertThat(indexed()).isZero(); // the commit wrote the text, not the index
        assertThat(messages.catchUpSearch(2, false)).isFalse(); // busy, and a short trail: later
        assertThat(indexed()).isZero();
        assertThat(found("harbour")).containsExactly("alpha harbour three", "alpha harbour two", "alpha harbour one");

        assertThat(messages.catchUpSearch(2, true)).isTrue(); // two of three: more waits
        assertThat(indexed()).isEqualTo(2);
        assertThat(found("harbour")).containsExactly("alpha harbour three", "alpha harbour two", "alpha harbour one");

        inWriter(st -> SearchIndex.replace(st, conversation(), 1, "{\"contentType\":1,\"body\":\"beta lagoon\"}"));
        inWriter(st -> SearchIndex.remove(st, conversation(), 2));
        assertThat(found("harbour")).containsExactly("alpha harbour three");
        assertThat(found("lagoon")).containsExactly("beta lagoon");

        assertThat(messages.catchUpSearch(10, true)).isFalse(); // all caught up
        assertThat(messages.catchUpSearch(10, true)).isFalse(); // nothing stored since: not even a query
        assertThat(found("harbour")).containsExactly("alpha harbour three");
        assertThat(found("lagoon")).containsExactly("beta lagoon");
        assertThat(found("alpha")).containsExactly("alpha harbour three");
        try (Connection c = database.pool().getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM message_fts WHERE message_fts MATCH '\"harbour\"'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1); // the index itself holds what is left, once
        }
    }
}
