package io.tern.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * The one content model (docs/protocol.md section 6): every content is an object with an integer
 * {@code contentType}; the known types must have their fields, of the right JSON type. Types 8 to 99 are
 * reserved for future kinds and pass unchanged, so an old client can forward what a newer one sends. Types
 * 100 and above are written only by the server (100: group events), so a client cannot forge them. Whether a
 * referenced upload exists and fits the type is checked by the server, not here.
 */
public final class ContentRules {
    public static final int TEXT = 1;
    public static final int IMAGE = 2;
    public static final int FILE = 3;
    public static final int VOICE = 4;
    public static final int VIDEO = 5;
    public static final int LOCATION = 6;
    public static final int CUSTOM = 7;
    /** The first type reserved for the server. */
    public static final int FIRST_RESERVED = 100;
    /** Media ids as the server hands them out: URL-safe, so they go into paths unescaped. */
    public static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final int MAX_NAME = 255;
    private static final int MAX_APP = 64;

    private ContentRules() {
    }

    /** Whether contents of this type reference an upload by {@code mediaId}. */
    public static boolean referencesMedia(int contentType) {
        return contentType >= IMAGE && contentType <= VIDEO;
    }

    static void check(RawJson content) {
        JsonNode tree = content.tree();
        JsonNode contentType = tree.get("contentType");
        if (contentType == null || !contentType.canConvertToInt() || !contentType.isIntegralNumber()
                || contentType.intValue() < 1) {
            throw new IllegalArgumentException("content.contentType must be a positive integer");
        }
        int type = contentType.intValue();
        if (type >= FIRST_RESERVED) {
            throw new IllegalArgumentException("content.contentType " + FIRST_RESERVED + " and above is reserved for the server");
        }
        switch (type) {
            case TEXT -> requireText(tree, "body", Integer.MAX_VALUE, true, "text");
            case IMAGE, FILE, VOICE, VIDEO -> checkMedia(tree, type);
            case LOCATION -> checkLocation(tree);
            case CUSTOM -> {
                requireText(tree, "app", MAX_APP, true, "custom");
                if (!tree.has("data")) {
                    throw new IllegalArgumentException("content.data is required for contentType 7 (custom)");
                }
            }
            default -> {
                // reserved for future kinds: passed through untouched
            }
        }
    }

    private static void checkMedia(JsonNode tree, int type) {
        String kind = switch (type) {
            case IMAGE -> "image";
            case FILE -> "file";
            case VOICE -> "voice";
            default -> "video";
        };
        JsonNode id = tree.get("mediaId");
        if (id == null || !id.isTextual() || !MEDIA_ID.matcher(id.textValue()).matches()) {
            throw new IllegalArgumentException("content.mediaId must be the id of an upload (POST /api/media) for "
                    + "contentType " + type + " (" + kind + ")");
        }
        requireText(tree, "caption", Integer.MAX_VALUE, false, kind);
        requireText(tree, "name", MAX_NAME, false, kind);
        JsonNode duration = tree.get("durationMs");
        if (duration != null && (!duration.isIntegralNumber() || !duration.canConvertToLong() || duration.longValue() < 0)) {
            throw new IllegalArgumentException("content.durationMs must be a non-negative integer");
        }
    }

    private static void checkLocation(JsonNode tree) {
        number(tree, "latitude", 90);
        number(tree, "longitude", 180);
        requireText(tree, "name", MAX_NAME, false, "location");
        requireText(tree, "address", 1024, false, "location");
    }

    private static void number(JsonNode tree, String field, double bound) {
        JsonNode n = tree.get(field);
        if (n == null || !n.isNumber() || !(Math.abs(n.doubleValue()) <= bound)) {
            throw new IllegalArgumentException("content." + field + " must be a number from -" + (int) bound + " to "
                    + (int) bound + " for contentType 6 (location)");
        }
    }

    private static void requireText(JsonNode tree, String field, int max, boolean required, String kind) {
        JsonNode n = tree.get(field);
        if (n == null && !required) {
            return;
        }
        if (n == null || !n.isTextual() || n.textValue().isEmpty() || n.textValue().length() > max) {
            throw new IllegalArgumentException("content." + field + " must be a non-empty string" + (max < Integer.MAX_VALUE ? " of at most " + max + " characters" : "")
                    + (required ? " (required for " : " (optional, for ") + kind + " content)");
        }
    }
}
