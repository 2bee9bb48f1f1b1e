package io.tern.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every message content a client sends must have: an object with an integer {@code contentType} from 1
 * to 99. Types 100 and above are written only by the server (100: group events), so a client cannot forge
 * them.
 */
public final class ContentRules {
    public static final int TEXT = 1;
    public static final int IMAGE = 2;
    public static final int FILE = 3;
    /** The first type reserved for the server. */
    public static final int FIRST_RESERVED = 100;

    private ContentRules() {
    }

    static void check(RawJson content) {
        JsonNode tree = content.tree();
        JsonNode contentType = tree.get("contentType");
        if (contentType == null || !contentType.canConvertToInt() || !contentType.isIntegralNumber()
                || contentType.intValue() < 1) {
            throw new IllegalArgumentException("content.contentType must be a positive integer");
        }
        if (contentType.intValue() >= FIRST_RESERVED) {
            throw new IllegalArgumentException("content.contentType " + FIRST_RESERVED + " and above is reserved for the server");
        }
    }
}
