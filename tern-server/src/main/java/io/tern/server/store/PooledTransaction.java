package io.tern.server.store;

import io.tern.server.core.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** One short transaction on a pooled connection (not the writer's); SQLite takes the write lock at once. */
final class PooledTransaction {
    private PooledTransaction() {
    }

    static <T> T run(Database database, Database.SqlWork<T> work) {
        boolean sqlite = database.dialect() == Dialect.SQLITE;
        try (Connection c = database.pool().getConnection()) {
            if (sqlite) {
                try (Statement st = c.createStatement()) {
                    st.execute("BEGIN IMMEDIATE");
                }
            } else {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                if (sqlite) {
                    try (Statement st = c.createStatement()) {
                        st.execute("COMMIT");
                    }
                } else {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (sqlite) {
                    try (Statement st = c.createStatement()) {
                        st.execute("ROLLBACK");
                    }
                } else {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("transaction failed: " + e.getMessage(), e);
        }
    }
}
