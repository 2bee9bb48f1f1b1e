package io.tern.server.store;

import io.tern.server.core.retention.RetentionStore;

/**
 * Old messages out of {@code messages}. Each call is one autocommit DELETE of a bounded set of keys, so on
 * SQLite it holds the write lock only for that batch: the writer thread's BEGIN IMMEDIATE waits (busy
 * timeout) for one batch at most, never for a whole purge.
 */
public final class JdbcRetentionStore implements RetentionStore {
    private final Jdbc jdbc;

    public JdbcRetentionStore(Database database) {
        this.jdbc = new Jdbc(database.pool());
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
}
