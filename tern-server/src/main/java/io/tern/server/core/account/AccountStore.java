package io.tern.server.core.account;

import java.util.Optional;

/** Port: where accounts and login tokens are kept. */
public interface AccountStore {
    /** Creates the account and returns its id, or empty if the username is taken. */
    Optional<Long> create(String username, String passwordHash, long createdAt);

    Optional<Account> findByUsername(String username);

    Optional<Account> findById(long userId);

    void saveToken(TokenRecord token);

    Optional<TokenRecord> findToken(String tokenHash);

    /** Marks the token revoked; returns false if there was no such token. */
    boolean revokeToken(String tokenHash);
}
