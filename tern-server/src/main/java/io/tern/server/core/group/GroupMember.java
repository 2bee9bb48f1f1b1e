package io.tern.server.core.group;

/** A current member of a group. A mute with a {@code mutedUntil} ends by itself at that time. */
public record GroupMember(long userId, Role role, boolean muted, long joinedSeq, Long mutedUntil) {
    /** Whether the mute applies at {@code now} (epoch ms). */
    public boolean mutedAt(long now) {
        return muted && (mutedUntil == null || mutedUntil > now);
    }
}
