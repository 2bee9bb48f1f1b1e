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
    public Optional<Long> create(String username, String usernameKey, String passwordHash, long createdAt) {
        // no conflict target: a clash on the username or on its key both mean "taken"
        return jdbc.one("INSERT INTO accounts (username, username_key, password_hash, created_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING RETURNING id",
                st -> {
                    st.setString(1, username);
                    st.setString(2, usernameKey);
                    st.setString(3, passwordHash);
                    st.setLong(4, createdAt);
                },
                rs -> rs.getLong(1));
    }

    @Override
    public Optional<Account> findByUsernameKey(String usernameKey) {
        return jdbc.one("SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE username_key = ?",
                st -> st.setString(1, usernameKey), JdbcAccountStore::account);
    }

    @Override
    public int backfillUsernameKeys(java.util.function.UnaryOperator<String> keyOf) {
        record Row(long id, String username) {
        }
        java.util.List<Row> rows = jdbc.list("SELECT id, username FROM accounts WHERE username_key IS NULL ORDER BY id",
                st -> { }, rs -> new Row(rs.getLong(1), rs.getString(2)));
        for (Row row : rows) {
            String key = keyOf.apply(row.username());
            int set = jdbc.update("UPDATE accounts SET username_key = ? WHERE id = ? AND NOT EXISTS "
                    + "(SELECT 1 FROM accounts WHERE username_key = ?)", st -> {
                        st.setString(1, key);
                        st.setLong(2, row.id());
                        st.setString(3, key);
                    });
            if (set == 0) {
                // '#' is not allowed in usernames, so this key can never clash with a new one
                jdbc.update("UPDATE accounts SET username_key = ? WHERE id = ?", st -> {
                    st.setString(1, key + "#" + row.id());
                    st.setLong(2, row.id());
                });
            }
        }
        return rows.size();
    }

    @Override
    public void setPasswordHash(long userId, String passwordHash) {
        jdbc.update("UPDATE accounts SET password_hash = ? WHERE id = ?", st -> {
            st.setString(1, passwordHash);
            st.setLong(2, userId);
        });
    }

    @Override
    public int revokeTokensOf(long userId, String keepTokenHash) {
        return jdbc.update("UPDATE tokens SET revoked = 1 WHERE user_id = ? AND revoked = 0 AND token_hash <> ?", st -> {
            st.setLong(1, userId);
            st.setString(2, keepTokenHash == null ? "" : keepTokenHash);
        });
    }

    @Override
    public java.util.Set<Long> related(long userId) {
        return new java.util.HashSet<>(jdbc.list("SELECT DISTINCT o.user_id FROM members m "
                + "JOIN members o ON o.conversation_id = m.conversation_id "
                + "WHERE m.user_id = ? AND o.user_id <> ?", st -> {
                    st.setLong(1, userId);
                    st.setLong(2, userId);
                }, rs -> rs.getLong(1)));
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

    @Override
    public boolean canLogIn(long userId) {
        return jdbc.one("SELECT status FROM accounts WHERE id = ?", st -> st.setLong(1, userId), rs -> rs.getString(1))
                .map("active"::equals).orElse(false);
    }
}
