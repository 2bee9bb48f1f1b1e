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
    /** joined_seq: the start of the first window, so reads span every window (gaps are cut by WINDOWED). */
    private static final String MEMBERSHIP_SELECT = "SELECT m.conversation_id, c.last_seq, c.last_ts, "
            + "m.delivered_seq, m.read_seq, COALESCE((SELECT MIN(w.joined_seq) FROM member_windows w "
            + "WHERE w.conversation_id = m.conversation_id AND w.user_id = m.user_id), m.joined_seq), m.left_seq "
            + "FROM members m JOIN conversations c ON c.id = m.conversation_id ";
    /** Keeps a group's messages inside one of the user's windows (bind: the user id). */
    private static final String WINDOWED = " AND EXISTS (SELECT 1 FROM member_windows w "
            + "WHERE w.conversation_id = messages.conversation_id AND w.user_id = ? AND w.joined_seq < messages.seq "
            + "AND (w.left_seq IS NULL OR w.left_seq >= messages.seq))";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbcMessageStore.class);
    private static final int ATTEMPTS = 5;

    private final Database database;
    private final Jdbc jdbc;
    private final boolean contactsOnly;
    /** Guarded by this (commits are synchronized). */
    private Statements writerStatements;

    public JdbcMessageStore(Database database) {
        this(database, false);
    }

    /** @param contactsOnly only contacts may start a direct conversation ({@code auth.directChats=CONTACTS}) */
    public JdbcMessageStore(Database database, boolean contactsOnly) {
        this.contactsOnly = contactsOnly;
        this.database = database;
        this.jdbc = new Jdbc(database.pool());
    }

    /**
     * Commits a batch. On PostgreSQL several nodes commit at once; a transaction that lost a race to another
     * node (see {@link Dialect#isRetryable}) rolled back completely and runs again, up to {@value #ATTEMPTS}
     * times. Each batch first runs optimistically, and again checked if it met a resend (see
     * {@link BatchCommit}).
     */
    @Override
    public synchronized List<Appended> commit(List<Draft> drafts, List<CursorUpdate> cursors, long now,
                                              Supplier<String> msgIds) {
        boolean optimistic = true;
        for (int attempt = 1; ; ) {
            boolean checked = !optimistic;
            try {
                return database.inWriteTransaction(c -> {
                    Statements st = statements(c);
                    try {
                        return new BatchCommit(st, database.dialect(), now, msgIds, !checked, contactsOnly)
                                .run(drafts, cursors);
                    } finally {
                        if (st != writerStatements) {
                            st.close();
                        }
                    }
                });
            } catch (BatchCommit.Clash e) {
                dropStatements(); // the insert may hold rows of the abandoned run
                optimistic = false; // rolled back; not a failure, so no attempt is counted
            } catch (SQLException e) {
                dropStatements();
                if (attempt++ >= ATTEMPTS || !database.dialect().isRetryable(e)) {
                    throw new StoreException("commit failed: " + e.getMessage(), e);
                }
                log.debug("commit lost a race with another node ({}), attempt {}", e.getSQLState(), attempt);
            } catch (RuntimeException e) {
                dropStatements();
                throw new StoreException("commit failed: " + e.getMessage(), e);
            }
        }
    }

    /** The writer connection's statements, kept across batches; a pooled connection's, for this batch only. */
    private Statements statements(java.sql.Connection c) {
        if (!database.hasWriterConnection()) {
            return new Statements(c);
        }
        if (writerStatements == null || writerStatements.connection() != c) {
            dropStatements();
            writerStatements = new Statements(c);
        }
        return writerStatements;
    }

    private void dropStatements() {
        if (writerStatements != null) {
            writerStatements.close();
            writerStatements = null;
        }
    }

    @Override
    public List<Message> range(String conversationId, long afterSeq, long maxSeq, int limit) {
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
    public List<Message> after(long userId, String conversationId, long afterSeq, long maxSeq, int limit) {
        boolean group = isGroup(conversationId);
        return jdbc.list("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq > ? "
                        + "AND seq <= ?" + (group ? WINDOWED : "") + " ORDER BY seq LIMIT ?",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, afterSeq);
                    st.setLong(3, maxSeq);
                    int next = windowed(st, 4, group, userId);
                    st.setInt(next, limit);
                },
                JdbcMessageStore::message);
    }

    @Override
    public List<Message> before(long userId, String conversationId, long beforeSeq, long minSeq, int limit) {
        boolean group = isGroup(conversationId);
        List<Message> newestFirst = jdbc.list("SELECT " + MESSAGE_COLUMNS + " FROM messages "
                        + "WHERE conversation_id = ? AND seq < ? AND seq > ?" + (group ? WINDOWED : "")
                        + " ORDER BY seq DESC LIMIT ?",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, beforeSeq);
                    st.setLong(3, minSeq);
                    int next = windowed(st, 4, group, userId);
                    st.setInt(next, limit);
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
    public Backlog backlog(long userId, String conversationId, long afterSeq, long maxSeq, long sinceTs) {
        boolean group = isGroup(conversationId);
        return jdbc.one(database.dialect().sql("SELECT COUNT(*), COALESCE(SUM({{CONTENT_BYTES}}), 0), "
                        + "COALESCE(MIN(seq), 0) FROM messages WHERE conversation_id = ? AND seq > ? AND seq <= ? "
                        + "AND ts >= ?" + (group ? WINDOWED : "")),
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, afterSeq);
                    st.setLong(3, maxSeq);
                    st.setLong(4, sinceTs);
                    windowed(st, 5, group, userId);
                },
                rs -> new Backlog(rs.getLong(1), rs.getLong(2), rs.getLong(3))).orElseThrow();
    }

    @Override
    public Optional<Message> last(long userId, String conversationId, long maxSeq) {
        boolean group = isGroup(conversationId);
        return jdbc.one("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq <= ?"
                + (group ? WINDOWED : "") + " ORDER BY seq DESC LIMIT 1", st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, maxSeq);
                    windowed(st, 3, group, userId);
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
        return jdbc.list("SELECT m.user_id FROM members m WHERE m.conversation_id = ? AND m.read_seq >= ? "
                        + "AND m.user_id <> ? AND EXISTS (SELECT 1 FROM member_windows w WHERE w.conversation_id = "
                        + "m.conversation_id AND w.user_id = m.user_id AND w.joined_seq < ? "
                        + "AND (w.left_seq IS NULL OR w.left_seq >= ?)) ORDER BY m.user_id",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, seq);
                    st.setLong(3, exceptUserId);
                    st.setLong(4, seq);
                    st.setLong(5, seq);
                },
                rs -> rs.getLong(1));
    }

    private static boolean isGroup(String conversationId) {
        return io.tern.server.core.message.ConversationIds.groupId(conversationId) != null;
    }

    /** Binds the user of {@link #WINDOWED} at {@code index} for a group; returns the next parameter index. */
    private static int windowed(java.sql.PreparedStatement st, int index, boolean group, long userId)
            throws SQLException {
        if (!group) {
            return index;
        }
        st.setLong(index, userId);
        return index + 1;
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
