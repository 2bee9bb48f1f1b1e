package io.tern.server.store;

import io.tern.server.core.StoreException;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Backlog;
import io.tern.server.core.message.CursorUpdate;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.Membership;
import io.tern.server.core.message.Message;
import io.tern.server.core.message.MessageStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Messages, conversations and member cursors. Commits go through the writer connection; reads through the pool. */
public final class JdbcMessageStore implements MessageStore {
    private static final String MESSAGE_COLUMNS =
            "conversation_id, seq, msg_id, sender_id, to_id, ts, client_msg_id, content";
    private static final String MEMBERSHIP_SELECT = "SELECT m.conversation_id, c.last_seq, c.last_ts, "
            + "m.delivered_seq, m.read_seq FROM members m JOIN conversations c ON c.id = m.conversation_id ";

    private final Database database;
    private final Jdbc jdbc;

    public JdbcMessageStore(Database database) {
        this.database = database;
        this.jdbc = new Jdbc(database.pool());
    }

    @Override
    public synchronized List<Appended> commit(List<Draft> drafts, List<CursorUpdate> cursors, long now,
                                              Supplier<String> msgIds) {
        Connection c = database.writeConnection();
        try {
            List<Appended> results = new BatchCommit(c, database.dialect(), now, msgIds).run(drafts, cursors);
            c.commit();
            return results;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw new StoreException("commit failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Message> after(String conversationId, long afterSeq, int limit) {
        return jdbc.list("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq > ? "
                        + "ORDER BY seq LIMIT ?",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, afterSeq);
                    st.setInt(3, limit);
                },
                JdbcMessageStore::message);
    }

    @Override
    public List<Message> before(String conversationId, long beforeSeq, int limit) {
        List<Message> newestFirst = jdbc.list("SELECT " + MESSAGE_COLUMNS + " FROM messages "
                        + "WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, beforeSeq);
                    st.setInt(3, limit);
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
    public Backlog backlog(String conversationId, long afterSeq, long sinceTs) {
        return jdbc.one(database.dialect().sql("SELECT COUNT(*), COALESCE(SUM({{CONTENT_BYTES}}), 0), "
                        + "COALESCE(MIN(seq), 0) FROM messages WHERE conversation_id = ? AND seq > ? AND ts >= ?"),
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, afterSeq);
                    st.setLong(3, sinceTs);
                },
                rs -> new Backlog(rs.getLong(1), rs.getLong(2), rs.getLong(3))).orElseThrow();
    }

    @Override
    public Optional<Message> last(String conversationId) {
        return jdbc.one("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? "
                + "ORDER BY seq DESC LIMIT 1", st -> st.setString(1, conversationId), JdbcMessageStore::message);
    }

    static Message message(ResultSet rs) throws SQLException {
        long toId = rs.getLong(5);
        Long to = rs.wasNull() ? null : toId;
        return new Message(rs.getString(3), rs.getString(1), rs.getLong(2), rs.getLong(4), to, rs.getLong(6),
                rs.getString(7), rs.getString(8));
    }

    private static Membership membership(ResultSet rs) throws SQLException {
        return new Membership(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }
}
