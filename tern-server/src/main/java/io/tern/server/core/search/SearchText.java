package io.tern.server.core.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ContentRules;
import io.tern.protocol.FrameCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The searchable text of a message content: a text's body, else a media message's caption, else its file
 * name. Server events (contentType 100 and above) and custom data have none. The schema migration that
 * indexed older messages makes the same choice in SQL.
 */
public final class SearchText {
    private static final String[] FIELDS = {"body", "caption", "name"};

    private SearchText() {
    }

    /** The text to index, or null when the content has none. */
    public static String of(String content) {
        JsonNode tree;
        try {
            tree = FrameCodec.mapper().readTree(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // stored content is JSON the codec wrote; anything else has nothing to search
        }
        if (tree == null || !tree.isObject()) {
            return null;
        }
        int type = tree.path("contentType").asInt(0);
        if (type < 1 || type >= ContentRules.FIRST_RESERVED) {
            return null;
        }
        for (String field : FIELDS) {
            JsonNode value = tree.get(field);
            if (value != null && value.isTextual() && !value.textValue().isEmpty()) {
                return value.textValue();
            }
        }
        return null;
    }

    /**
     * Where {@code query} occurs in {@code text}, ignoring case, as non-overlapping [start, end) ranges of
     * UTF-16 indexes (JavaScript string indexes), left to right.
     */
    public static List<Highlight> highlights(String text, String query) {
        List<Highlight> out = new ArrayList<>();
        int n = query.length();
        for (int i = 0; i + n <= text.length(); ) {
            if (text.regionMatches(true, i, query, 0, n)) {
                out.add(new Highlight(i, i + n));
                i += n;
            } else {
                i++;
            }
        }
        return out;
    }

    /** One match: {@code text.substring(start, end)} is what the query found. */
    public record Highlight(int start, int end) {
    }
}
