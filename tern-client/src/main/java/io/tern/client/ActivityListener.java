package io.tern.client;

/**
 * Told what other people do in the user's conversations besides sending messages: reading and typing.
 * Called on the client's event thread; both methods do nothing unless overridden. These notices are not
 * stored by the server: one that arrives while the client is disconnected is not repeated.
 */
public interface ActivityListener {
    /**
     * {@code userId} has read {@code conversationId} up to {@code seq}: in a one-to-one conversation the other
     * side (the "read" tick of the messages sent to them), or the user's own other device.
     */
    default void onRead(String conversationId, long userId, long seq) {
    }

    /** {@code userId} is typing in {@code conversationId}; repeated every few seconds while they type. */
    default void onTyping(String conversationId, long userId) {
    }
}
