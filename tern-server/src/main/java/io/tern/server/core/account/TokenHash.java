package io.tern.server.core.account;

import java.util.HexFormat;

/**
 * A token's SHA-256, held as four longs. Every open connection keeps its principal, and so its token hash: as
 * 64 hex characters that is a String and its array, about 104 bytes; as this, 48. The store and the kick
 * orders keep the hex form ({@link #hex()}).
 */
public record TokenHash(long a, long b, long c, long d) {
    private static final HexFormat HEX = HexFormat.of();

    /** From the 64 lower- or upper-case hex characters of a SHA-256. */
    public static TokenHash ofHex(String hex) {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException("a token hash is 64 hex characters");
        }
        return new TokenHash(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32),
                HexFormat.fromHexDigitsToLong(hex, 32, 48), HexFormat.fromHexDigitsToLong(hex, 48, 64));
    }

    /** The 64 lower-case hex characters, as stored. */
    public String hex() {
        return HEX.toHexDigits(a) + HEX.toHexDigits(b) + HEX.toHexDigits(c) + HEX.toHexDigits(d);
    }

    @Override
    public String toString() {
        return hex();
    }
}
