package io.tern.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** What every message content must have: an object with an integer {@code contentType} of 1 or more. */
public final class ContentRules {
    public static final int TEXT = 1;
    public static final int IMAGE = 2;
    public static final int FILE = 3;

    private ContentRules() {
    }

    static void check(RawJson content) {
        JsonNode tree = content.tree();
        JsonNode contentType = tree.get("contentType");
        if (contentType == null || !contentType.canConvertToInt() || !contentType.isIntegralNumber()
                || contentType.intValue() < 1) {
            throw new IllegalArgumentException("content.contentType must be a positive integer");
        }
    }
}
