package io.tern.server.store;

import io.tern.server.core.search.MessageSearch;
import java.util.List;

/**
 * Search over {@code message_text}, joined to the messages and clipped to the user's membership windows. On
 * SQLite a query of 3 or more characters goes through the FTS5 trigram index (which cannot match fewer) for the
 * rows it holds, and scans the newest rows it does not hold yet (it trails the writer: SearchIndex.catchUp); a
 * 2-character one scans the text of the user's own conversations. On PostgreSQL every query is a
 * case-insensitive LIKE, which the pg_trgm index serves when the extension is installed. Reads use the pool.
 */
public final class JdbcMessageSearch implements MessageSearch {
    private static final String COLUMNS = "m.conversation_id, m.seq, m.msg_id, m.sender_id, m.to_id, m.ts, "
            + "m.client_msg_id, m.content, m.state, t.id, t.body";
    private static final String JOIN = " JOIN messages m ON m.conversation_id = t.conversation_id AND m.seq = t.seq";
    /** Inside one of the user's windows (bind: the user id); direct conversations have one from seq 0. */
    private static final String VISIBLE = " AND EXISTS (SELECT 1 FROM member_windows w "
            + "WHERE w.conversation_id = t.conversation_id AND w.user_id = ? AND w.joined_seq < t.seq "
            + "AND (w.left_seq IS NULL OR w.left_seq >= t.seq))";
    private static final String ONE_CONVERSATION = " AND t.conversation_id = ?";

    private final Jdbc jdbc;
    private final Dialect dialect;

    public JdbcMessageSearch(Database database) {
        this.jdbc = new Jdbc(database.pool());
        this.dialect = database.dialect();
    }

    @Override
    public List<Found> find(long userId, String conversationId, String query, long beforeId, int limit) {
        boolean fts = dialect == Dialect.SQLITE && query.codePointCount(0, query.length()) >= 3;
        String sql = fts
                ? "SELECT * FROM (SELECT " + COLUMNS + " FROM message_fts f JOIN message_text t ON t.id = f.rowid" + JOIN
                        + " WHERE message_fts MATCH ? AND f.rowid < ?"
                        + (conversationId != null ? ONE_CONVERSATION : "") + VISIBLE
                        // the newest text, not yet in the index: scanned (see SearchIndex.catchUp)
                        + " UNION ALL SELECT " + COLUMNS + " FROM message_text t" + JOIN
                        + " WHERE t.id > (SELECT indexed_through FROM search_progress)"
                        + " AND LOWER(t.body) LIKE LOWER(?) ESCAPE '\\' AND t.id < ?"
                        + (conversationId != null ? ONE_CONVERSATION : "") + VISIBLE + ") ORDER BY 10 DESC LIMIT ?"
                : "SELECT " + COLUMNS + " FROM message_text t" + JOIN
                        + " WHERE LOWER(t.body) LIKE LOWER(?) ESCAPE '\\' AND t.id < ?"
                        + (conversationId != null ? ONE_CONVERSATION
                                : " AND t.conversation_id IN (SELECT conversation_id FROM members WHERE user_id = ?)")
                        + VISIBLE + " ORDER BY t.id DESC LIMIT ?";
        return jdbc.list(sql, st -> {
            int i = 1;
            st.setString(i++, fts ? phrase(query) : "%" + escapeLike(query) + "%");
            st.setLong(i++, beforeId);
            if (conversationId != null) {
                st.setString(i++, conversationId);
            } else if (!fts) {
                st.setLong(i++, userId);
            }
            st.setLong(i++, userId);
            if (fts) { // the scan of what the index does not hold yet
                st.setString(i++, "%" + escapeLike(query) + "%");
                st.setLong(i++, beforeId);
                if (conversationId != null) {
                    st.setString(i++, conversationId);
                }
                st.setLong(i++, userId);
            }
            st.setInt(i, limit);
        }, rs -> new Found(rs.getLong(10), JdbcMessageStore.message(rs), rs.getString(11)));
    }

    /** The query as one FTS5 string: matched as a substring by the trigram tokenizer, no operators. */
    static String phrase(String query) {
        return "\"" + query.replace("\"", "\"\"") + "\"";
    }

    static String escapeLike(String query) {
        return query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
