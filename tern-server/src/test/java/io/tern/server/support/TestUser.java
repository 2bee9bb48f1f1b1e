package io.tern.server.support;

/** A registered, logged-in user of a test. */
public record TestUser(long userId, String username, String token, String deviceId) {
}
