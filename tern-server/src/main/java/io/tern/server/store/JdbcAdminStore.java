package io.tern.server.store;

import io.tern.server.core.admin.AdminStore;
import io.tern.server.core.admin.AuditEntry;
import io.tern.server.core.admin.UserSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The admin view of {@code accounts}, and the {@code admin_audit} table. */
public final class JdbcAdminStore implements AdminStore {
    private static final String COLUMNS = "id, username, role, status, created_at, last_seen";

    private final Jdbc jdbc;

    public JdbcAdminStore(Database database) {
        this.jdbc = new Jdbc(database.pool());
    }

    @Override
    public List<UserSummary> users(String query, int limit) {
        // a substring match written out with instr/strpos would differ by dialect; LIKE with the wildcards escaped
        String pattern = "%" + query.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return jdbc.list("SELECT " + COLUMNS + " FROM accounts WHERE LOWER(username) LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
                st -> {
                    st.setString(1, pattern);
                    st.setInt(2, limit);
                }, JdbcAdminStore::summary);
    }

    @Override
    public Optional<UserSummary> user(long userId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM accounts WHERE id = ?", st -> st.setLong(1, userId),
                JdbcAdminStore::summary);
    }

    @Override
    public Optional<UserSummary> userByName(String username) {
        return jdbc.one("SELECT " + COLUMNS + " FROM accounts WHERE username = ?", st -> st.setString(1, username),
                JdbcAdminStore::summary);
    }

    @Override
    public void setRole(long userId, String role) {
        jdbc.update("UPDATE accounts SET role = ? WHERE id = ?", st -> {
            st.setString(1, role);
            st.setLong(2, userId);
        });
    }

    @Override
    public void setStatus(long userId, String status) {
        jdbc.update("UPDATE accounts SET status = ? WHERE id = ?", st -> {
            st.setString(1, status);
            st.setLong(2, userId);
        });
    }

    @Override
    public int activeAdmins() {
        return jdbc.one("SELECT COUNT(*) FROM accounts WHERE role = 'admin' AND status = 'active'", st -> { },
                rs -> rs.getInt(1)).orElse(0);
    }

    @Override
    public void tombstone(long userId, String anonymousName, String unusableHash) {
        jdbc.update("UPDATE accounts SET username = ?, username_key = ?, password_hash = ?, status = 'deleted' WHERE id = ?",
                st -> {
                    st.setString(1, anonymousName);
                    st.setString(2, anonymousName);
                    st.setString(3, unusableHash);
                    st.setLong(4, userId);
                });
    }

    @Override
    public void audit(AuditEntry e) {
        jdbc.update("INSERT INTO admin_audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)", st -> {
            st.setLong(1, e.at());
            st.setString(2, e.actor());
            st.setString(3, e.action());
            st.setString(4, e.target());
            st.setString(5, e.detail());
        });
    }

    @Override
    public List<AuditEntry> auditLog(int limit) {
        return jdbc.list("SELECT at, actor, action, target, detail FROM admin_audit ORDER BY id DESC LIMIT ?",
                st -> st.setInt(1, limit),
                rs -> new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
    }

    private static UserSummary summary(ResultSet rs) throws SQLException {
        return new UserSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getLong(6));
    }
}
