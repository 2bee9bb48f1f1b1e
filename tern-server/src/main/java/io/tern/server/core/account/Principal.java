package io.tern.server.core.account;

/** Who a valid token stands for: a user on one device. */
public record Principal(long userId, String deviceId, String tokenHash) {
}
