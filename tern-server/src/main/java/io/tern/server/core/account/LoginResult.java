package io.tern.server.core.account;

/** A successful login: the token (shown once, never stored in clear) and when it expires. */
public record LoginResult(long userId, String deviceId, String token, long expiresAt) {
}
