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
            "conversation_id, seq, msg_id, sender_id, to_id, ts, client_msg_id, content, state";
    /** joined_seq: the start of the first window, so reads span every window (gaps are cut by WINDOWED). */
    private static final String JOINED = "COALESCE((SELECT MIN(w.joined_seq) FROM member_windows w "
            + "WHERE w.conversation_id = m.conversation_id AND w.user_id = m.user_id), m.joined_seq)";
    /**
     * The last column counts the control events (never unread) in the range unread would count, on the partial
     * index of control events, so a long unread run of ordinary messages costs nothing.
     */
    private static final String MEMBERSHIP_SELECT = "SELECT m.conversation_id, c.last_seq, c.last_ts, "
            + "m.delivered_seq, m.read_seq, " + JOINED + ", m.left_seq, "
            + "(SELECT COUNT(*) FROM messages x WHERE x.conversation_id = m.conversation_id AND x.control = 1 "
            + "AND x.seq > {{GREATEST}}(m.read_seq, " + JOINED + ") "
            + "AND x.seq <= COALESCE(m.left_seq, c.last_seq)), "
            + "(SELECT COUNT(*) FROM mentions n WHERE n.conversation_id = m.conversation_id "
            + "AND n.user_id IN (m.user_id, 0) AND n.seq > {{GREATEST}}(m.read_seq, " + JOINED + ") "
            + "AND n.seq <= COALESCE(m.left_seq, c.last_seq)) "
            + "FROM members m JOIN conversations c ON c.id = m.conversation_id ";
    /**
     * Keeps a group's messages inside one of the user's windows, and a change event also to users who could see
     * the message it changes (bind: the user id, twice).
     */
    private static final String WINDOWED = " AND EXISTS (SELECT 1 FROM member_windows w "
            + "WHERE w.conversation_id = messages.conversation_id AND w.user_id = ? AND w.joined_seq < messages.seq "
            + "AND (w.left_seq IS NULL OR w.left_seq >= messages.seq))"
            + " AND (messages.ref_seq IS NULL OR EXISTS (SELECT 1 FROM member_windows r "
            + "WHERE r.conversation_id = messages.conversation_id AND r.user_id = ? AND r.joined_seq < messages.ref_seq "
            + "AND (r.left_seq IS NULL OR r.left_seq >= messages.ref_seq)))";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbcMessageStore.class);
    private static final int ATTEMPTS = 5;

    private final Database database;
    private final Jdbc jdbc;
    private final boolean contactsOnly;
    /** Guarded by this (commits are synchronized). */
    private Statements writerStatements;
    /** Whether text may be waiting for the FTS index (see {@link #catchUpSearch}); guarded by this. */
    private boolean searchBehind = true;
    /** About how many rows of text the FTS index trails by (drafts committed since it caught up); guarded by this. */
    private long trailing;
    /**
     * The longest trail left to quiet moments. A search scans it (roughly 1 µs per short text here, so up to about
     * half a second at the limit), while indexing it under load would cost the message path 45–65 µs per message.
     */
    static final long MAX_TRAIL = 500_000;
    /** Guarded by this. */
    private final MemberLists memberLists = new MemberLists(MemberLists.DEFAULT_MAX_GROUPS);

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
        if (!drafts.isEmpty()) {
            searchBehind = true; // a stored message's text waits for the FTS index (catchUpSearch)
            trailing += drafts.size();
        }
        boolean optimistic = true;
        for (int attempt = 1; ; ) {
            boolean checked = !optimistic;
            try {
                return database.inWriteTransaction(c -> {
                    Statements st = statements(c);
                    try {
                        return new BatchCommit(st, memberLists, database.dialect(), now, msgIds, !checked,
                                contactsOnly).run(drafts, cursors);
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
                failed();
                if (attempt++ >= ATTEMPTS || !database.dialect().isRetryable(e)) {
                    throw new StoreException("commit failed: " + e.getMessage(), e);
                }
                log.debug("commit lost a race with another node ({}), attempt {}", e.getSQLState(), attempt);
            } catch (RuntimeException e) {
                failed();
                throw new StoreException("commit failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * SQLite: adds up to {@code maxRows} rows of {@code message_text} past {@code search_progress} to the FTS5
     * index, in one transaction on the writer's connection (so it never waits for the writer's lock, nor the writer
     * for it): in a quiet moment, or when about {@value #MAX_TRAIL} rows wait (searches scan those, so the trail
     * is kept short enough to scan). Nothing when no commit stored anything since the index caught up; after a
     * start it looks once (the backfill of an upgrade). PostgreSQL keeps its index in the message's own commit.
     */
    @Override
    public synchronized boolean catchUpSearch(int maxRows, boolean quiet) {
        if (database.dialect() != Dialect.SQLITE || !searchBehind || !quiet && trailing < MAX_TRAIL) {
            return false;
        }
        try {
            int added = database.inWriteTransaction(c -> SearchIndex.catchUp(statements(c), maxRows));
            searchBehind = added >= maxRows;
            trailing = searchBehind ? Math.max(0, trailing - added) : 0;
            return searchBehind;
        } catch (SQLException | RuntimeException e) {
            failed();
            throw new StoreException("search index catch-up failed: " + e.getMessage(), e);
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
        memberLists.clear();
        if (writerStatements != null) {
            writerStatements.close();
            writerStatements = null;
        }
    }

    /** After a failed transaction: its statements go, and with none active nothing may stay open. */
    private void failed() {
        dropStatements();
        database.abandonWriteTransaction();
    }

    @Override
    public List<Message> range(String conversationId, long afterSeq, long maxSeq, int limit) {
        // change events are left to the devices' pull, which checks who may see them (ref_seq, private_to)
        return jdbc.list("SELECT " + MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq > ? "
                        + "AND seq <= ? AND ref_seq IS NULL ORDER BY seq LIMIT ?",
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
                        + "AND seq <= ?" + visible(group) + " ORDER BY seq LIMIT ?",
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
                        + "WHERE conversation_id = ? AND seq < ? AND seq > ?" + visible(group)
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
        return jdbc.one(database.dialect().sql(MEMBERSHIP_SELECT) + "WHERE m.user_id = ? AND m.conversation_id = ?",
                st -> {
                    st.setLong(1, userId);
                    st.setString(2, conversationId);
                },
                JdbcMessageStore::membership);
    }

    @Override
    public List<Membership> memberships(long userId, int limit, int offset) {
        return jdbc.list(database.dialect().sql(MEMBERSHIP_SELECT) + "WHERE m.user_id = ? ORDER BY c.last_ts DESC, c.id LIMIT ? OFFSET ?",
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
                        + "AND ts >= ?" + visible(group)),
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
                + visible(group) + " ORDER BY seq DESC LIMIT 1", st -> {
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

    /**
     * What the user may see (bind: the user id twice, then twice more in a group, see {@link #windowed}): not
     * another user's personal event (delete for me), not a message the user deleted for themselves, and in a
     * group only what {@link #WINDOWED} lets through.
     */
    private static String visible(boolean group) {
        return " AND (messages.private_to IS NULL OR messages.private_to = ?) AND NOT EXISTS (SELECT 1 FROM "
                + "hidden_messages h WHERE h.user_id = ? AND h.conversation_id = messages.conversation_id "
                + "AND h.seq = messages.seq)" + (group ? WINDOWED : "");
    }

    private static boolean isGroup(String conversationId) {
        return io.tern.server.core.message.ConversationIds.groupId(conversationId) != null;
    }

    /** Binds the user of {@link #visible} from {@code index}; returns the next parameter index. */
    private static int windowed(java.sql.PreparedStatement st, int index, boolean group, long userId)
            throws SQLException {
        st.setLong(index, userId);
        st.setLong(index + 1, userId);
        if (!group) {
            return index + 2;
        }
        st.setLong(index + 2, userId);
        st.setLong(index + 3, userId);
        return index + 4;
    }

    static Message message(ResultSet rs) throws SQLException {
        long toId = rs.getLong(5);
        Long to = rs.wasNull() ? null : toId;
        return new Message(rs.getString(3), rs.getString(1), rs.getLong(2), rs.getLong(4), to, rs.getLong(6),
                rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private static Membership membership(ResultSet rs) throws SQLException {
        long left = rs.getLong(7);
        Long leftSeq = rs.wasNull() ? null : left;
        return new Membership(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), leftSeq, rs.getLong(8), rs.getLong(9));
    }
}
