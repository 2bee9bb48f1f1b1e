package io.tern.server.core.message;

/**
 * What the store did with one draft. {@code message} is null unless it was stored or is a duplicate.
 * {@code recipients}: for a stored message or a duplicate, exactly the users to push it to, decided inside
 * the commit from the membership at its seq (an event: the members before and after the change) — fan-out
 * never consults a cache that may be newer. {@code change}: the membership change an event made at its seq
 * (null otherwise), and {@code membersSeq} the seq of the group's membership change before it, so a cache of
 * the members can follow.
 */
public record Appended(Message message, Outcome outcome, long membersSeq, long[] recipients, MembershipChange change,
                       Refusal refusal) {
    private static final long[] NOBODY = new long[0];

    /** Why a change event was refused (outcome REFUSED): the error the sender gets. */
    public record Refusal(io.tern.protocol.ErrorCode code, String reason) {
    }

    public Appended(Message message, Outcome outcome, long membersSeq, long[] recipients, MembershipChange change) {
        this(message, outcome, membersSeq, recipients, change, null);
    }

    public static Appended refused(io.tern.protocol.ErrorCode code, String reason) {
        return new Appended(null, Outcome.REFUSED, 0, NOBODY, null, new Refusal(code, reason));
    }

    public Appended(Message message, Outcome outcome) {
        this(message, outcome, 0, NOBODY, null);
    }

    public static Appended refused(Outcome outcome) {
        return new Appended(null, outcome);
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
        /** The sender (or the target of a group command) is not a member of the group, or it does not exist. */
        NOT_A_MEMBER,
        /** The sender is muted in the group. */
        MUTED,
        /** A group command the actor's role does not allow (or a closed group to join). */
        FORBIDDEN,
        /** A group command that would exceed the member limit. */
        GROUP_FULL,
        /** The group was dissolved: nothing is accepted for it any more. */
        GROUP_DISSOLVED,
        /** The user to join or add is on the group's ban list. */
        BANNED,
        /** The group lets only admins and the owner post, and the sender is a plain member. */
        ADMINS_ONLY,
        /** No invite link with this code for the group, or it was revoked. */
        NO_SUCH_INVITE,
        /** The invite link is past its expiry. */
        INVITE_EXPIRED,
        /** The invite link was used as often as it allows. */
        INVITE_EXHAUSTED,
        /** A group command with nothing to do (joining or adding a member): nothing stored, not an error. */
        NO_OP,
        /** A group command that changed the group without an event message (role, mute, name, owner, invite links). */
        APPLIED,
        /** A change event its kind refused ({@link Appended#refusal} says why): nothing stored. */
        REFUSED,
        /** A direct message the recipient does not accept from the sender (they blocked the sender): nothing stored. */
        RECIPIENT_REFUSED,
        /** A direct message to a user the sender blocked: nothing stored. */
        BLOCKED
    }
}
