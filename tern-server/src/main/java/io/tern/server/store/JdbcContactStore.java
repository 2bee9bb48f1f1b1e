package io.tern.server.store;

import io.tern.server.core.people.ContactStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Contacts and requests; each change that touches several rows is one transaction. Same SQL on both stores. */
public final class JdbcContactStore implements ContactStore {
    private final Database database;
    private final Jdbc jdbc;

    public JdbcContactStore(Database database) {
        this.database = database;
        this.jdbc = new Jdbc(database.pool());
    }

    @Override
    public Requested request(long fromId, long toId, long now) {
        return PooledTransaction.run(database, c -> {
            if (exists(c, "SELECT 1 FROM contacts WHERE user_id = ? AND contact_id = ?", fromId, toId)) {
                return Requested.ALREADY_CONTACTS;
            }
            if (exists(c, "SELECT 1 FROM contact_requests WHERE from_id = ? AND to_id = ?", toId, fromId)) {
                connect(c, fromId, toId, now);
                return Requested.ACCEPTED;
            }
            update(c, "INSERT INTO contact_requests (from_id, to_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    fromId, toId, now);
            return Requested.PENDING;
        });
    }

    @Override
    public boolean accept(long userId, long fromId, long now) {
        return PooledTransaction.run(database, c -> {
            if (!exists(c, "SELECT 1 FROM contact_requests WHERE from_id = ? AND to_id = ?", fromId, userId)) {
                return false;
            }
            connect(c, userId, fromId, now);
            return true;
        });
    }

    /** Both contact rows in, both requests (either way) out. */
    private static void connect(Connection c, long a, long b, long now) throws SQLException {
        String insert = "INSERT INTO contacts (user_id, contact_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
        update(c, insert, a, b, now);
        update(c, insert, b, a, now);
        update(c, "DELETE FROM contact_requests WHERE from_id = ? AND to_id = ?", a, b);
        update(c, "DELETE FROM contact_requests WHERE from_id = ? AND to_id = ?", b, a);
    }

    @Override
    public boolean dropRequest(long fromId, long toId) {
        return jdbc.update("DELETE FROM contact_requests WHERE from_id = ? AND to_id = ?", st -> {
            st.setLong(1, fromId);
            st.setLong(2, toId);
        }) > 0;
    }

    @Override
    public boolean remove(long userId, long contactId) {
        return PooledTransaction.run(database, c -> {
            int n = update(c, "DELETE FROM contacts WHERE user_id = ? AND contact_id = ?", userId, contactId);
            update(c, "DELETE FROM contacts WHERE user_id = ? AND contact_id = ?", contactId, userId);
            return n > 0;
        });
    }

    @Override
    public List<Long> contacts(long userId) {
        return ids("SELECT contact_id FROM contacts WHERE user_id = ? ORDER BY contact_id", userId);
    }

    @Override
    public Set<Long> contactSet(long userId) {
        return new HashSet<>(contacts(userId));
    }

    @Override
    public Set<Long> presenceCandidates(long userId, int limit) {
        Set<Long> out = new HashSet<>(jdbc.list("SELECT contact_id FROM contacts WHERE user_id = ? LIMIT ?", st -> {
            st.setLong(1, userId);
            st.setInt(2, limit);
        }, rs -> rs.getLong(1)));
        // the members key starts with user_id: a range scan of the user's own rows, no join
        List<String> direct = jdbc.list("SELECT conversation_id FROM members WHERE user_id = ? "
                + "AND conversation_id LIKE 'p:%' LIMIT ?", st -> {
                    st.setLong(1, userId);
                    st.setInt(2, limit);
                }, rs -> rs.getString(1));
        for (String id : direct) {
            long[] pair = io.tern.server.core.message.ConversationIds.directMembers(id);
            if (pair != null) {
                out.add(pair[0] == userId ? pair[1] : pair[0]);
            }
        }
        out.remove(userId);
        return out;
    }

    @Override
    public List<Long> incoming(long userId) {
        return ids("SELECT from_id FROM contact_requests WHERE to_id = ? ORDER BY created_at, from_id", userId);
    }

    @Override
    public List<Long> outgoing(long userId) {
        return ids("SELECT to_id FROM contact_requests WHERE from_id = ? ORDER BY created_at, to_id", userId);
    }

    private List<Long> ids(String sql, long userId) {
        return jdbc.list(sql, st -> st.setLong(1, userId), rs -> rs.getLong(1));
    }

    private static boolean exists(Connection c, String sql, long a, long b) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, a);
            st.setLong(2, b);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int update(Connection c, String sql, long... values) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setLong(i + 1, values[i]);
            }
            return st.executeUpdate();
        }
    }
}
