package io.tern.server.store;

import io.tern.server.core.people.BlockStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code blocks} table; same SQL on SQLite and PostgreSQL. */
public final class JdbcBlockStore implements BlockStore {
    private final Jdbc jdbc;

    public JdbcBlockStore(Database database) {
        this.jdbc = new Jdbc(database.pool());
    }

    @Override
    public boolean block(long blockerId, long blockedId, long now) {
        return jdbc.update("INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", st -> {
                    st.setLong(1, blockerId);
                    st.setLong(2, blockedId);
                    st.setLong(3, now);
                }) > 0;
    }

    @Override
    public boolean unblock(long blockerId, long blockedId) {
        return jdbc.update("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?", st -> {
            st.setLong(1, blockerId);
            st.setLong(2, blockedId);
        }) > 0;
    }

    @Override
    public List<Long> blockedBy(long blockerId) {
        return jdbc.list("SELECT blocked_id FROM blocks WHERE blocker_id = ? ORDER BY blocked_id",
                st -> st.setLong(1, blockerId), rs -> rs.getLong(1));
    }

    @Override
    public Set<Long> separated(long userId) {
        return new HashSet<>(jdbc.list("SELECT blocked_id FROM blocks WHERE blocker_id = ? "
                + "UNION SELECT blocker_id FROM blocks WHERE blocked_id = ?", st -> {
                    st.setLong(1, userId);
                    st.setLong(2, userId);
                }, rs -> rs.getLong(1)));
    }
}
