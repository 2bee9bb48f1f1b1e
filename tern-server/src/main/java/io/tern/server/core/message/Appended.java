package io.tern.server.core.message;

/**
 * What the store did with one draft. {@code message} is null unless it was stored or is a duplicate.
 * {@code membersSeq}, for a group message stored now, is the seq of the group's last membership change before
 * this message: fan-out must not use a member list older than that (another node may have made the change).
 * 0 otherwise.
 */
public record Appended(Message message, Outcome outcome, long membersSeq) {
    public Appended(Message message, Outcome outcome) {
        this(message, outcome, 0);
    }

    public enum Outcome {
        /** Newly stored with the next seq. */
        STORED,
        /** The same sender already sent this clientMsgId: the original message, nothing stored. */
        DUPLICATE,
        /** The same sender used this clientMsgId for another conversation or content: nothing stored. */
        IDEMPOTENCY_CONFLICT,
        /** The recipient does not exist: nothing stored. */
        NO_SUCH_USER,
        /** The sender is not (or no longer) a member of the group, or the group does not exist. */
        NOT_A_MEMBER,
        /** The sender is muted in the group. */
        MUTED
    }
}
