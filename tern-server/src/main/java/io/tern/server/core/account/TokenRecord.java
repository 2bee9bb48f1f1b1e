package io.tern.server.core.account;

/** A login token as stored: only its hash is kept, with the device it was issued for. */
public record TokenRecord(String tokenHash, long userId, String deviceId, long expiresAt, boolean revoked) {
}
