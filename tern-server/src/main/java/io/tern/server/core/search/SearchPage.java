package io.tern.server.core.search;

import io.tern.server.core.message.Message;
import java.util.List;

/** One page of search results, newest first; {@code nextBefore} continues it (null: no more). */
public record SearchPage(List<Hit> hits, Long nextBefore) {
    /** A message that matched, its searchable text, and where in that text the query is. */
    public record Hit(Message message, String text, List<SearchText.Highlight> highlights) {
    }
}
