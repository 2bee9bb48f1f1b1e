package io.tern.server.core.message;

/** What the store did with one draft. {@code message} is null unless it was stored or is a duplicate. */
public record Appended(Message message, Outcome outcome) {
    public enum Outcome {
        /** Newly stored with the next seq. */
        STORED,
        /** The same sender already sent this clientMsgId: the original message, nothing stored. */
        DUPLICATE,
        /** The recipient does not exist: nothing stored. */
        NO_SUCH_USER,
        /** The sender is not (or no longer) a member of the group, or the group does not exist. */
        NOT_A_MEMBER,
        /** The sender is muted in the group. */
        MUTED
    }
}
