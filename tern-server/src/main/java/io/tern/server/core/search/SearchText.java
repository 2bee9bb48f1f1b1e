package io.tern.server.core.search;

import io.tern.protocol.ContentRules;
import io.tern.protocol.FrameCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The searchable text of a message content: a text's body, else a media message's caption, else its file
 * name. Change events (an edit's new body is found through the message it edited), server events (contentType
 * 100 and above) and custom data have none. The schema migration that
 * indexed older messages makes the same choice in SQL.
 */
public final class SearchText {
    private static final String[] FIELDS = {"body", "caption", "name"};

    private SearchText() {
    }

    /**
     * The text to index, or null when the content has none. Read with the streaming parser, field by field and
     * without building a tree: the writer calls this for every message it stores.
     */
    public static String of(String content) {
        int type = 0;
        String[] found = new String[FIELDS.length];
        try (com.fasterxml.jackson.core.JsonParser p = FrameCodec.mapper().getFactory().createParser(content)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                if ("contentType".equals(name) && value == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) {
                    type = p.getValueAsInt(0);
                } else if (value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    for (int i = 0; i < FIELDS.length; i++) {
                        if (FIELDS[i].equals(name)) {
                            found[i] = p.getText();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (java.io.IOException e) {
            return null; // stored content is JSON the codec wrote; anything else has nothing to search
        }
        if (type < ContentRules.TEXT || type > ContentRules.CUSTOM) {
            return null; // change events (an edit carries a body) and server events are not messages to find
        }
        for (String text : found) {
            if (text != null && !text.isEmpty()) {
                return text;
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
