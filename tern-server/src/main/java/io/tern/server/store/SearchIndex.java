package io.tern.server.store;

import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Draft;
import io.tern.server.core.search.SearchText;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Keeps the search text ({@code message_text}) in step with the messages, inside the writer's transaction: a
 * message is searchable exactly when it is committed, and a rolled-back batch leaves nothing behind. One
 * batched insert per commit; on SQLite a trigger feeds the FTS5 trigram index, on PostgreSQL the pg_trgm
 * index follows by itself. Searching reads on pooled connections and never holds the writer up.
 */
final class SearchIndex {
    private static final String INSERT = "INSERT INTO message_text (conversation_id, seq, body) VALUES (?, ?, ?)";
    private static final String DELETE = "DELETE FROM message_text WHERE conversation_id = ? AND seq = ?";

    private SearchIndex() {
    }

    /**
     * Indexes the stored messages of a batch (resends and refusals wrote nothing, so they add nothing). A message
     * stored with its draft's content takes the text the draft brought (worked out off the writer); an event built
     * at commit is read here.
     */
    static void record(Statements st, java.util.List<Draft> drafts, Appended[] results) throws SQLException {
        PreparedStatement insert = null;
        for (int i = 0; i < results.length; i++) {
            Appended a = results[i];
            if (a == null || a.outcome() != Appended.Outcome.STORED) {
                continue;
            }
            Draft d = drafts.get(i);
            String text = d.content() != null ? d.searchText() : SearchText.of(a.message().content());
            if (text == null) {
                continue;
            }
            if (insert == null) {
                insert = st.get(INSERT);
            }
            insert.setString(1, a.message().conversationId());
            insert.setLong(2, a.message().seq());
            insert.setString(3, text);
            insert.addBatch();
        }
        if (insert != null) {
            insert.executeBatch();
        }
    }

    /**
     * For an edit: the message at (conversation, seq) is searchable by its new content from this commit on
     * (nothing, if the new content has no text). Call it in the transaction that commits the edit.
     */
    static void replace(Statements st, String conversationId, long seq, String newContent) throws SQLException {
        remove(st, conversationId, seq);
        String text = SearchText.of(newContent);
        if (text != null) {
            PreparedStatement insert = st.get(INSERT);
            insert.setString(1, conversationId);
            insert.setLong(2, seq);
            insert.setString(3, text);
            insert.executeUpdate();
        }
    }

    /** For a recall: the message at (conversation, seq) is found by no search from this commit on. */
    static void remove(Statements st, String conversationId, long seq) throws SQLException {
        PreparedStatement delete = st.get(DELETE);
        delete.setString(1, conversationId);
        delete.setLong(2, seq);
        delete.executeUpdate();
    }

    /**
     * SQLite: adds the next rows of {@code message_text} past {@code search_progress} to the FTS5 trigram index,
     * at most {@code maxRows}, and moves the mark; returns how many. Ids only grow (AUTOINCREMENT), so a row is
     * never left behind the mark unindexed.
     */
    static int catchUp(Statements st, int maxRows) throws SQLException {
        long from;
        try (ResultSet rs = st.get("SELECT indexed_through FROM search_progress").executeQuery()) {
            from = rs.next() ? rs.getLong(1) : 0;
        }
        PreparedStatement next = st.get("SELECT COUNT(*), MAX(id) FROM (SELECT id FROM message_text WHERE id > ? "
                + "ORDER BY id LIMIT ?)");
        next.setLong(1, from);
        next.setInt(2, maxRows);
        int count;
        long through;
        try (ResultSet rs = next.executeQuery()) {
            rs.next();
            count = rs.getInt(1);
            through = rs.getLong(2);
        }
        if (count == 0) {
            return 0;
        }
        PreparedStatement add = st.get("INSERT INTO message_fts (rowid, body) SELECT id, body FROM message_text "
                + "WHERE id > ? AND id <= ?");
        add.setLong(1, from);
        add.setLong(2, through);
        add.executeUpdate();
        PreparedStatement mark = st.get("UPDATE search_progress SET indexed_through = ?");
        mark.setLong(1, through);
        mark.executeUpdate();
        return count;
    }
}
