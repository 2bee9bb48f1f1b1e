package io.tern.client;

import java.util.List;

/** One page of older messages, in ascending seq order; {@code hasMore} says whether older ones remain. */
public record HistoryPage(String conversationId, List<Message> messages, boolean hasMore) {
    public HistoryPage {
        messages = List.copyOf(messages);
    }
}
