package io.tern.server.core.message;

import java.util.List;
import java.util.Map;

/** One long-poll answer: messages beyond the cursors (ascending per conversation) and the cursors after them. */
public record PollResult(List<Message> messages, Map<String, Long> cursors, boolean hasMore) {
    public boolean isEmpty() {
        return messages.isEmpty();
    }
}
