package io.tern.server.core.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt with a configurable cost. A dummy hash is checked for unknown users so both cases cost the same. */
public final class PasswordHasher {
    private final int cost;
    private final byte[] dummyHash;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.dummyHash = BCrypt.withDefaults().hash(cost, "not-a-password".toCharArray());
    }

    public String hash(String password) {
        return new String(BCrypt.withDefaults().hash(cost, password.toCharArray()), StandardCharsets.US_ASCII);
    }

    public boolean verify(String password, String hash) {
        return BCrypt.verifyer().verify(password.toCharArray(), hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }

    /** Spends the time of one verification without a real hash, so unknown users are not told apart by timing. */
    public void verifyDummy(String password) {
        BCrypt.verifyer().verify(password.toCharArray(), dummyHash);
    }
}
