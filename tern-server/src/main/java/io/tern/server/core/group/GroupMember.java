package io.tern.server.core.group;

/** A current member of a group. */
public record GroupMember(long userId, Role role, boolean muted, long joinedSeq) {
}
