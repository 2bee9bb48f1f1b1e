package io.tern.server.core.message.kind;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one table of change kinds, by content type. Adding a kind is a class and a line in {@link #standard}.
 */
public final class MessageKinds {
    private final Map<Integer, MessageKind> byType;

    public MessageKinds(List<MessageKind> kinds) {
        this.byType = kinds.stream().collect(Collectors.toUnmodifiableMap(MessageKind::contentType, Function.identity()));
    }

    /** The kinds this server knows, with the windows and limits of its configuration. */
    public static MessageKinds standard(Duration editWindow, Duration recallWindow, int maxReactions) {
        return new MessageKinds(List.of(
                new EditKind(editWindow),
                new RecallKind(recallWindow),
                new ReactionKind(maxReactions),
                new HideKind()));
    }

    /** The kind of a content type, or null for an ordinary message. */
    public MessageKind find(int contentType) {
        return byType.get(contentType);
    }
}
