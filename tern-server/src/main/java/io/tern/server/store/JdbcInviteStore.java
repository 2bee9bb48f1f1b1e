package io.tern.server.store;

import io.tern.server.core.admin.InviteStore;

/** The {@code invites} table; {@code used_by} 0 marks a code claimed by a registration in progress. */
public final class JdbcInviteStore implements InviteStore {
    private final Jdbc jdbc;

    public JdbcInviteStore(Database database) {
        this.jdbc = new Jdbc(database.pool());
    }

    @Override
    public void create(String codeHash, String createdBy, long createdAt, long expiresAt) {
        jdbc.update("INSERT INTO invites (code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?)", st -> {
            st.setString(1, codeHash);
            st.setString(2, createdBy);
            st.setLong(3, createdAt);
            st.setLong(4, expiresAt);
        });
    }

    @Override
    public boolean claim(String codeHash, long now) {
        return jdbc.update("UPDATE invites SET used_by = 0 WHERE code_hash = ? AND used_by IS NULL AND expires_at > ?",
                st -> {
                    st.setString(1, codeHash);
                    st.setLong(2, now);
                }) == 1;
    }

    @Override
    public void release(String codeHash) {
        jdbc.update("UPDATE invites SET used_by = NULL WHERE code_hash = ? AND used_by = 0", st -> st.setString(1, codeHash));
    }

    @Override
    public void bind(String codeHash, long userId) {
        jdbc.update("UPDATE invites SET used_by = ? WHERE code_hash = ?", st -> {
            st.setLong(1, userId);
            st.setString(2, codeHash);
        });
    }
}
