package io.tern.server.core.account;

import java.util.Optional;

/** Port: where accounts and login tokens are kept. */
public interface AccountStore {
    /** Creates the account and returns its id, or empty if the username or its key is taken. */
    Optional<Long> create(String username, String usernameKey, String passwordHash, long createdAt);

    Optional<Account> findByUsername(String username);

    /** The account whose username has this key (see {@link UsernameKeys}). */
    Optional<Account> findByUsernameKey(String usernameKey);

    /**
     * Gives accounts created before keys existed their key; where two old names share one, the later account
     * gets a key no new name can have, so both keep working. Returns how many were filled.
     */
    int backfillUsernameKeys(java.util.function.UnaryOperator<String> keyOf);

    void setPasswordHash(long userId, String passwordHash);

    /** Revokes every token of the user except {@code keepTokenHash} (null: all); returns how many. */
    int revokeTokensOf(long userId, String keepTokenHash);

    /** The users who share or shared a one-to-one conversation or a group with the user. */
    java.util.Set<Long> related(long userId);

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

    /** False for an account an admin disabled or deleted: it may not log in. */
    default boolean canLogIn(long userId) {
        return true;
    }

    /** Marks the token revoked; returns false if there was no such token. */
    boolean revokeToken(String tokenHash);
}
