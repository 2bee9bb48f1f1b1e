package io.tern.client;

import java.util.List;

/**
 * A message a search found: the message, its searchable text (a text's body, a media message's caption or
 * file name), and where the query occurs in that text.
 */
public record FoundMessage(Message message, String text, List<Highlight> highlights) {
    public FoundMessage {
        highlights = List.copyOf(highlights);
    }

    /** {@code text.substring(start, end)} is one occurrence of the query. */
    public record Highlight(int start, int end) {
    }
}
