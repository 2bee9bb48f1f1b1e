package io.tern.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The statements of one connection's commits, each prepared on first use and then reused. On SQLite the writer
 * has one connection for its whole life, so a batch binds and runs statements prepared by earlier batches
 * instead of preparing a dozen per batch (and one per conversation). On PostgreSQL a batch borrows a pooled
 * connection, so the set lives for that one transaction. After a failed transaction the set is closed and
 * dropped: a statement could still hold half a JDBC batch.
 */
final class Statements implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    Statements(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** The statement for this SQL, prepared once; callers must not close it. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement st = prepared.get(sql);
        if (st == null) {
            st = connection.prepareStatement(sql);
            prepared.put(sql, st);
        }
        return st;
    }

    @Override
    public void close() {
        for (PreparedStatement st : prepared.values()) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // closing anyway; the connection's own close releases it
            }
        }
        prepared.clear();
    }
}
