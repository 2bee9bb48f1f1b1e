package io.tern.server.core.message;

/** What the store did with one draft. {@code message} is null only for {@link Outcome#NO_SUCH_USER}. */
public record Appended(Message message, Outcome outcome) {
    public enum Outcome {
        /** Newly stored with the next seq. */
        STORED,
        /** The same sender already sent this clientMsgId: the original message, nothing stored. */
        DUPLICATE,
        /** The recipient does not exist: nothing stored. */
        NO_SUCH_USER
    }
}
