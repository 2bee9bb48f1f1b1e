package io.tern.server.store;

import io.tern.server.core.account.Account;
import io.tern.server.core.account.AccountStore;
import io.tern.server.core.account.TokenRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Accounts and tokens in the {@code accounts} and {@code tokens} tables. */
public final class JdbcAccountStore implements AccountStore {
    private static final String ACCOUNT_COLUMNS = "id, username, password_hash, created_at";

    private final Jdbc jdbc;

    public JdbcAccountStore(Database database) {
        this.jdbc = new Jdbc(database.pool());
    }

    @Override
    public Optional<Long> create(String username, String passwordHash, long createdAt) {
        return jdbc.one("INSERT INTO accounts (username, password_hash, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (username) DO NOTHING RETURNING id",
                st -> {
                    st.setString(1, username);
                    st.setString(2, passwordHash);
                    st.setLong(3, createdAt);
                },
                rs -> rs.getLong(1));
    }

    @Override
    public Optional<Account> findByUsername(String username) {
        return jdbc.one("SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE username = ?",
                st -> st.setString(1, username), JdbcAccountStore::account);
    }

    @Override
    public Optional<Account> findById(long userId) {
        return jdbc.one("SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE id = ?",
                st -> st.setLong(1, userId), JdbcAccountStore::account);
    }

    @Override
    public void saveToken(TokenRecord token) {
        jdbc.update("INSERT INTO tokens (token_hash, user_id, device_id, expires_at, revoked) VALUES (?, ?, ?, ?, ?)",
                st -> {
                    st.setString(1, token.tokenHash());
                    st.setLong(2, token.userId());
                    st.setString(3, token.deviceId());
                    st.setLong(4, token.expiresAt());
                    st.setInt(5, token.revoked() ? 1 : 0);
                });
    }

    @Override
    public Optional<TokenRecord> findToken(String tokenHash) {
        return jdbc.one("SELECT token_hash, user_id, device_id, expires_at, revoked FROM tokens WHERE token_hash = ?",
                st -> st.setString(1, tokenHash),
                rs -> new TokenRecord(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getInt(5) != 0));
    }

    @Override
    public void touchLastSeen(long userId, long when) {
        jdbc.update("UPDATE accounts SET last_seen = ? WHERE id = ?", st -> {
            st.setLong(1, when);
            st.setLong(2, userId);
        });
    }

    @Override
    public java.util.List<Seen> seen(java.util.List<Long> userIds) {
        String marks = String.join(",", java.util.Collections.nCopies(userIds.size(), "?"));
        return jdbc.list("SELECT id, username, last_seen FROM accounts WHERE id IN (" + marks + ") ORDER BY id", st -> {
            for (int i = 0; i < userIds.size(); i++) {
                st.setLong(i + 1, userIds.get(i));
            }
        }, rs -> new Seen(rs.getLong(1), rs.getString(2), rs.getLong(3)));
    }

    @Override
    public boolean revokeToken(String tokenHash) {
        return jdbc.update("UPDATE tokens SET revoked = 1 WHERE token_hash = ?", st -> st.setString(1, tokenHash)) > 0;
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }
}
