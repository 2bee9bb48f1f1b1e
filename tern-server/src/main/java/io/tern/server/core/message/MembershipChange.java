package io.tern.server.core.message;

import java.util.List;

/**
 * Who joins and who leaves a group at the seq of the event message that carries this change. A joining
 * member sees messages after {@code seq - 1} (so their own join event); a leaving one sees up to {@code seq}.
 * {@code ownerId} (or 0) joins as owner, everyone else as member.
 */
public record MembershipChange(List<Long> joined, List<Long> left, long ownerId) {
    public MembershipChange {
        joined = List.copyOf(joined);
        left = List.copyOf(left);
    }

    public static MembershipChange join(List<Long> users) {
        return new MembershipChange(users, List.of(), 0);
    }

    public static MembershipChange leave(List<Long> users) {
        return new MembershipChange(List.of(), users, 0);
    }
}
