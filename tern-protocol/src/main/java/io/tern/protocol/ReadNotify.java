package io.tern.protocol;

/**
 * READ_NOTIFY (111), server to client: {@code userId} has read {@code conversationId} up to {@code seq}. Sent
 * to the reader's other devices, and in a one-to-one conversation to the other side (the "read" tick).
 */
public record ReadNotify(String conversationId, long userId, long seq) implements Frame {
    @Override
    public int type() {
        return FrameType.READ_NOTIFY;
    }
}
