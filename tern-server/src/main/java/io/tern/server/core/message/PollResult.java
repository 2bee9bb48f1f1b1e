package io.tern.server.core.message;

import java.util.List;
import java.util.Map;

/**
 * One long-poll answer: messages beyond the cursors (ascending per conversation), the cursors after them, and
 * {@code held}: the cursors the device sent, kept only for the user's conversations and clamped to the last
 * seq the user may see — what the device can truly hold, and so what its poll acknowledges.
 */
public record PollResult(List<Message> messages, Map<String, Long> cursors, boolean hasMore, Map<String, Long> held) {
    public boolean isEmpty() {
        return messages.isEmpty();
    }
}
