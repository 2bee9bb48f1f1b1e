package io.tern.server.store;

import io.tern.server.core.StoreException;
import io.tern.server.core.retention.RetentionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Old messages out of {@code messages}. Each call is one short write transaction over a bounded set of keys, so
 * on SQLite it holds the write lock only for that batch: the writer thread's BEGIN IMMEDIATE waits (busy
 * timeout) for one batch at most, never for a whole purge.
 */
public final class JdbcRetentionStore implements RetentionStore {
    private final Jdbc jdbc;
    private final DataSource pool;

    /** One media reference. */
    private record Ref(String mediaId, String conversationId, long seq) {
    }

    public JdbcRetentionStore(Database database) {
        this.pool = database.pool();
        this.jdbc = new Jdbc(pool);
    }

    @Override
    public int deleteOlderThan(String prefix, long beforeMillis, int limit) {
        return jdbc.update("DELETE FROM messages WHERE (conversation_id, seq) IN (SELECT conversation_id, seq FROM "
                + "messages WHERE conversation_id LIKE ? AND ts < ? LIMIT ?)", st -> {
                    st.setString(1, prefix + "%");
                    st.setLong(2, beforeMillis);
                    st.setInt(3, limit);
                });
    }

    /**
     * The dangling references are found by a read (no write lock while it scans), then deleted by key in one
     * short transaction. A reference is written in its message's own transaction, so one without a message
     * is one whose message was purged; the delete checks again anyway.
     */
    @Override
    public int forgetReferencesOfPurged(int limit) {
        List<Ref> dangling = jdbc.list("SELECT r.media_id, r.conversation_id, r.seq FROM media_refs r WHERE NOT EXISTS "
                + "(SELECT 1 FROM messages m WHERE m.conversation_id = r.conversation_id AND m.seq = r.seq) LIMIT ?",
                st -> st.setInt(1, limit), rs -> new Ref(rs.getString(1), rs.getString(2), rs.getLong(3)));
        if (dangling.isEmpty()) {
            return 0;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("DELETE FROM media_refs WHERE media_id = ? AND "
                    + "conversation_id = ? AND seq = ? AND NOT EXISTS (SELECT 1 FROM messages m WHERE "
                    + "m.conversation_id = ? AND m.seq = ?)")) {
                for (Ref r : dangling) {
                    st.setString(1, r.mediaId());
                    st.setString(2, r.conversationId());
                    st.setLong(3, r.seq());
                    st.setString(4, r.conversationId());
                    st.setLong(5, r.seq());
                    st.addBatch();
                }
                st.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot forget the media references of purged messages", e);
        }
        return dangling.size();
    }
}
