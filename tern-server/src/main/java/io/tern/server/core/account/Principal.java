package io.tern.server.core.account;

/** Who a valid token stands for: a user on one device, and the hash of the token that says so. */
public record Principal(long userId, String deviceId, TokenHash token) {
    public Principal(long userId, String deviceId, String tokenHash) {
        this(userId, deviceId, TokenHash.ofHex(tokenHash));
    }

    /** The token's SHA-256 in hex, as the store keeps it. */
    public String tokenHash() {
        return token.hex();
    }
}
