package io.tern.server.core.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt with a configurable cost. bcrypt reads at most 72 bytes, so longer passwords are first reduced with
 * SHA-512 (the library's long-password strategy) instead of being refused or silently cut. A dummy hash is
 * checked for unknown users so both cases cost the same.
 */
public final class PasswordHasher {
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final int cost;
    private final byte[] dummyHash;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.dummyHash = BCrypt.with(VERSION, LONG_PASSWORDS).hash(cost, "not-a-password".toCharArray());
    }

    public String hash(String password) {
        return new String(BCrypt.with(VERSION, LONG_PASSWORDS).hash(cost, password.toCharArray()),
                StandardCharsets.US_ASCII);
    }

    public boolean verify(String password, String hash) {
        return BCrypt.verifyer(VERSION, LONG_PASSWORDS)
                .verify(password.toCharArray(), hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }

    /** Spends the time of one verification without a real hash, so unknown users are not told apart by timing. */
    public void verifyDummy(String password) {
        BCrypt.verifyer(VERSION, LONG_PASSWORDS).verify(password.toCharArray(), dummyHash);
    }
}
