package io.tern.protocol;

/** TYPING_NOTIFY (121), server to client: {@code userId} is typing in the conversation. */
public record TypingNotify(String conversationId, long userId) implements Frame {
    @Override
    public int type() {
        return FrameType.TYPING_NOTIFY;
    }
}
