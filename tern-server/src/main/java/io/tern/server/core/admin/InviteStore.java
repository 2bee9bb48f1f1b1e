package io.tern.server.core.admin;

/** Port: invite codes, by hash. */
public interface InviteStore {
    void create(String codeHash, String createdBy, long createdAt, long expiresAt);

    /** Marks an unused, unexpired code taken (used_by 0) in one statement; false if it was not. */
    boolean claim(String codeHash, long now);

    /** Gives a claimed code back (the registration failed). */
    void release(String codeHash);

    /** Records who registered with the claimed code. */
    void bind(String codeHash, long userId);
}
