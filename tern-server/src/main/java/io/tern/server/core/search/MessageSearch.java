package io.tern.server.core.search;

import io.tern.server.core.message.Message;
import java.util.List;

/**
 * The store's side of search. Answers only messages inside one of the user's membership windows (a direct
 * conversation's window is its whole life), newest indexed first.
 */
public interface MessageSearch {
    /**
     * Up to {@code limit} messages whose searchable text contains {@code query} (ignoring case), indexed before
     * the hit id {@code beforeId}.
     *
     * @param conversationId one conversation, or null for all of the user's
     */
    List<Found> find(long userId, String conversationId, String query, long beforeId, int limit);

    /** A match: its position in the index (the paging cursor), the message, and the text that matched. */
    record Found(long id, Message message, String text) {
    }
}
