package io.tern.client;

/** A user as the HTTP API describes one: id, name, and whether any device of the user is connected. */
public record UserInfo(long userId, String username, boolean online) {
}
