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

    /** Records when the user was last connected. */
    void touchLastSeen(long userId, long when);

    /** Username and last-seen time of each of the given users that exists. */
    java.util.List<Seen> seen(java.util.List<Long> userIds);

    /** A user's name and when they were last connected (0: never). */
    record Seen(long userId, String username, long lastSeen) {
    }

    /** Marks the token revoked; returns false if there was no such token. */
    boolean revokeToken(String tokenHash);
}
