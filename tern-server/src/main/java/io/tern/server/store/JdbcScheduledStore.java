package io.tern.server.store;

import io.tern.server.core.schedule.Scheduled;
import io.tern.server.core.schedule.ScheduledStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Scheduled messages in {@code scheduled_messages}; the same SQL on SQLite and PostgreSQL. */
public final class JdbcScheduledStore implements ScheduledStore {
    private static final String COLUMNS = "id, user_id, client_msg_id, to_id, group_id, content, send_at, state, error";
    /** A claimable row: waiting, or taken so long ago that its sender must have died. */
    private static final String CLAIMABLE = "(state = 'PENDING' OR (state = 'SENDING' AND claimed_at < ?))";

    private final Jdbc jdbc;

    public JdbcScheduledStore(Database database) {
        this.jdbc = new Jdbc(database.pool());
    }

    /** One statement, so the per-user limit holds without a lock (SQLite has one writer; on PostgreSQL it is soft). */
    @Override
    public long add(Scheduled s, int maxPerUser) {
        return jdbc.one("INSERT INTO scheduled_messages (user_id, client_msg_id, to_id, group_id, content, send_at, "
                + "state, claimed_at) SELECT ?, ?, ?, ?, ?, ?, 'PENDING', 0 WHERE (SELECT COUNT(*) FROM scheduled_messages "
                + "WHERE user_id = ?) < ? RETURNING id", st -> {
                    st.setLong(1, s.userId());
                    st.setString(2, s.clientMsgId());
                    setNullable(st, 3, s.toId());
                    setNullable(st, 4, s.groupId());
                    st.setString(5, s.content());
                    st.setLong(6, s.sendAt());
                    st.setLong(7, s.userId());
                    st.setInt(8, maxPerUser);
                }, rs -> rs.getLong(1)).orElse(-1L);
    }

    @Override
    public List<Scheduled> list(long userId) {
        return jdbc.list("SELECT " + COLUMNS + " FROM scheduled_messages WHERE user_id = ? ORDER BY send_at, id",
                st -> st.setLong(1, userId), JdbcScheduledStore::row);
    }

    @Override
    public boolean cancel(long userId, long id) {
        return jdbc.update("DELETE FROM scheduled_messages WHERE id = ? AND user_id = ? AND state <> 'SENDING'", st -> {
            st.setLong(1, id);
            st.setLong(2, userId);
        }) == 1;
    }

    @Override
    public List<Scheduled> due(long now, long staleBefore, int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM scheduled_messages WHERE send_at <= ? AND " + CLAIMABLE
                + " ORDER BY send_at, id LIMIT ?", st -> {
                    st.setLong(1, now);
                    st.setLong(2, staleBefore);
                    st.setInt(3, limit);
                }, JdbcScheduledStore::row);
    }

    @Override
    public boolean claim(long id, long now, long staleBefore) {
        return jdbc.update("UPDATE scheduled_messages SET state = 'SENDING', claimed_at = ? WHERE id = ? AND "
                + CLAIMABLE, st -> {
                    st.setLong(1, now);
                    st.setLong(2, id);
                    st.setLong(3, staleBefore);
                }) == 1;
    }

    @Override
    public void sent(long id) {
        jdbc.update("DELETE FROM scheduled_messages WHERE id = ?", st -> st.setLong(1, id));
    }

    @Override
    public void failed(long id, String error) {
        jdbc.update("UPDATE scheduled_messages SET state = 'FAILED', error = ? WHERE id = ?", st -> {
            st.setString(1, error);
            st.setLong(2, id);
        });
    }

    private static void setNullable(java.sql.PreparedStatement st, int index, Long value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.BIGINT);
        } else {
            st.setLong(index, value);
        }
    }

    private static Scheduled row(ResultSet rs) throws SQLException {
        long to = rs.getLong(4);
        Long toId = rs.wasNull() ? null : to;
        long group = rs.getLong(5);
        Long groupId = rs.wasNull() ? null : group;
        return new Scheduled(rs.getLong(1), rs.getLong(2), rs.getString(3), toId, groupId, rs.getString(6),
                rs.getLong(7), Scheduled.State.valueOf(rs.getString(8)), rs.getString(9));
    }
}
