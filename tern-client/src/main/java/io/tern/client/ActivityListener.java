package io.tern.client;

/**
 * Told what other people do besides sending messages: reading, typing, and coming online or going offline.
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

    /**
     * {@code userId} came online (their first device) or went offline (their last), or the user may no longer see
     * their presence (then {@code online} is false and {@code lastSeen} 0). Sent only about contacts and one-to-one
     * partners whose privacy settings allow it; read the rest with {@code GET /api/presence} after connecting.
     * {@code lastSeen}: ms since the epoch, 0 when not told.
     */
    default void onPresence(long userId, boolean online, long lastSeen) {
    }
}
