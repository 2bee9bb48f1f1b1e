package io.tern.server.store;

import io.tern.server.core.StoreException;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Backlog;
import io.tern.server.core.message.CursorUpdate;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.Membership;
import io.tern.server.core.message.Message;
import io.tern.server.core.message.MessageStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Messages, conversations and member cursors. Commits go through the writer connection; reads through the pool. */
public final class JdbcMessageStore implements MessageStore {
    static final String MESSAGE_COLUMNS =
            "conversation_id, seq, msg_id, sender_id, to_id, ts, client_msg_id, content";
    private static final String MEMBERSHIP_SELECT = "SELECT m.conversation_id, c.last_seq, c.last_ts, "
            + "m.delivered_seq, m.read_seq, m.joined_seq, m.left_seq FROM members m "
            + "JOIN conversations c ON c.id = m.conversation_id ";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbcMessageStore.class);
    private static final int ATTEMPTS = 5;

    private final Database database;
    private final Jdbc jdbc;

    public JdbcMessageStore(Database database) {
        this.database = database;
        this.jdbc = new Jdbc(database.pool());
    }

    /**
     * Commits a batch. On PostgreSQL several nodes commit at once; a transaction that lost a race to another
     * node (see {@link Dialect#isRetryable}) rolled back completely and runs again, up to {@value #ATTEMPTS}
     * times.
     */
    @Override
    public synchronized List<Appended> commit(List<Draft> drafts, List<CursorUpdate> cursors, long now,
                                              Supplier<String> msgIds) {
        for (int attempt = 1; ; attempt++) {
            try {
                return database.inWriteTransaction(c -> {
                    try (BatchCommit batch = new BatchCommit(c, database.dialect(), now, msgIds)) {
                        return batch.run(drafts, cursors);
                    }
                });
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !database.dialect().isRetryable(e)) {
                    throw new StoreException("commit failed: " + e.getMessage(), e);
                }
                log.debug("commit lost a race with another node ({}), attempt {}", e.getSQLState(), attempt);
            } catch (RuntimeException e) {
                throw new StoreException("commit failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<Message> after(String conversationId, long afterSeq, long maxSeq, int limit) {
        return jdbc.list("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq > ? "
                        + "AND seq <= ? ORDER BY seq LIMIT ?",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, afterSeq);
                    st.setLong(3, maxSeq);
                    st.setInt(4, limit);
                },
                JdbcMessageStore::message);
    }

    @Override
    public List<Message> before(String conversationId, long beforeSeq, long minSeq, int limit) {
        List<Message> newestFirst = jdbc.list("SELECT " + MESSAGE_COLUMNS + " FROM messages "
                        + "WHERE conversation_id = ? AND seq < ? AND seq > ? ORDER BY seq DESC LIMIT ?",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, beforeSeq);
                    st.setLong(3, minSeq);
                    st.setInt(4, limit);
                },
                JdbcMessageStore::message);
        List<Message> ascending = new ArrayList<>(newestFirst);
        Collections.reverse(ascending);
        return ascending;
    }

    @Override
    public Optional<Membership> membership(long userId, String conversationId) {
        return jdbc.one(MEMBERSHIP_SELECT + "WHERE m.user_id = ? AND m.conversation_id = ?",
                st -> {
                    st.setLong(1, userId);
                    st.setString(2, conversationId);
                },
                JdbcMessageStore::membership);
    }

    @Override
    public List<Membership> memberships(long userId, int limit, int offset) {
        return jdbc.list(MEMBERSHIP_SELECT + "WHERE m.user_id = ? ORDER BY c.last_ts DESC, c.id LIMIT ? OFFSET ?",
                st -> {
                    st.setLong(1, userId);
                    st.setInt(2, limit);
                    st.setInt(3, offset);
                },
                JdbcMessageStore::membership);
    }

    @Override
    public Backlog backlog(String conversationId, long afterSeq, long maxSeq, long sinceTs) {
        return jdbc.one(database.dialect().sql("SELECT COUNT(*), COALESCE(SUM({{CONTENT_BYTES}}), 0), "
                        + "COALESCE(MIN(seq), 0) FROM messages WHERE conversation_id = ? AND seq > ? AND seq <= ? "
                        + "AND ts >= ?"),
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, afterSeq);
                    st.setLong(3, maxSeq);
                    st.setLong(4, sinceTs);
                },
                rs -> new Backlog(rs.getLong(1), rs.getLong(2), rs.getLong(3))).orElseThrow();
    }

    @Override
    public Optional<Message> last(String conversationId, long maxSeq) {
        return jdbc.one("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq <= ? "
                + "ORDER BY seq DESC LIMIT 1", st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, maxSeq);
                }, JdbcMessageStore::message);
    }

    /**
     * Base-36 ids of equal length order as strings; a longer one is greater. Scans the msg_id index once, at
     * start: no column holds the id as a number and no migration is added for this.
     */
    @Override
    public Optional<String> maxMsgId() {
        return jdbc.one("SELECT msg_id FROM messages ORDER BY LENGTH(msg_id) DESC, msg_id DESC LIMIT 1",
                st -> { }, rs -> rs.getString(1));
    }

    @Override
    public List<Long> readers(String conversationId, long seq, long exceptUserId) {
        return jdbc.list("SELECT user_id FROM members WHERE conversation_id = ? AND read_seq >= ? AND user_id <> ? "
                        + "AND joined_seq < ? AND (left_seq IS NULL OR left_seq >= ?) ORDER BY user_id",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, seq);
                    st.setLong(3, exceptUserId);
                    st.setLong(4, seq);
                    st.setLong(5, seq);
                },
                rs -> rs.getLong(1));
    }

    static Message message(ResultSet rs) throws SQLException {
        long toId = rs.getLong(5);
        Long to = rs.wasNull() ? null : toId;
        return new Message(rs.getString(3), rs.getString(1), rs.getLong(2), rs.getLong(4), to, rs.getLong(6),
                rs.getString(7), rs.getString(8));
    }

    private static Membership membership(ResultSet rs) throws SQLException {
        long left = rs.getLong(7);
        Long leftSeq = rs.wasNull() ? null : left;
        return new Membership(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), leftSeq);
    }
}
