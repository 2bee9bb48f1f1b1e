package io.tern.client;

import java.util.List;

/**
 * One page of a message search, newest first. {@code nextBefore} continues it (pass it to
 * {@link Directory#searchMessages}); null when there is no more.
 */
public record SearchResults(List<FoundMessage> hits, Long nextBefore) {
    public SearchResults {
        hits = List.copyOf(hits);
    }
}
