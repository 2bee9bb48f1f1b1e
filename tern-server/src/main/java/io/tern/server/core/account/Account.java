package io.tern.server.core.account;

/** A registered user. The password is only ever held as its bcrypt hash. */
public record Account(long id, String username, String passwordHash, long createdAt) {
}
