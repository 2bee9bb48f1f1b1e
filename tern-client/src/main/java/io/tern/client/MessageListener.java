package io.tern.client;

/**
 * Receives the messages of every conversation of the user, each once and in seq order per conversation.
 * Called on the client's event thread; an exception thrown here is reported to the error listener and the
 * message still counts as delivered (it is not handed over again).
 */
@FunctionalInterface
public interface MessageListener {
    void onMessage(Message message);
}
