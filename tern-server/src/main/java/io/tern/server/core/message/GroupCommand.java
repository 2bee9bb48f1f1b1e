package io.tern.server.core.message;

import io.tern.server.core.group.Role;
import java.util.List;

/**
 * A group administration request, decided by the writer inside its commit (never checked before and acted
 * on later): the actor is the draft's sender; the rules (role, member limit, membership, mute, ban, open group,
 * dissolved group, invite use count) are checked against the group as of this point in the conversation,
 * changes earlier in the same batch included. An accepted command stores an event message whose content
 * {@code event} builds from what the writer decided ({@link Decided}); only invite links change the group
 * without one ({@link #storesEvent()}).
 */
public record GroupCommand(Kind kind, List<Long> users, Role role, Mute mute, Settings settings, Invite invite,
                           int maxMembers, EventBuilder event) {
    public enum Kind {
        /** The first members of a new group; {@code users} includes the owner (the actor). */
        CREATE,
        /** An admin or the owner adds {@code users}; those already members are left out, none left is a no-op. */
        ADD,
        /** The actor joins an open group, or any group with a valid {@code invite} code; a no-op for a member. */
        JOIN,
        /** The actor leaves; an owner hands ownership to the longest-standing admin, else member. */
        LEAVE,
        /** The actor removes {@code users[0]}, who ranks below them. */
        REMOVE,
        /** The owner gives {@code users[0]} the {@code role} (admin or member). */
        SET_ROLE,
        /** An admin or the owner mutes or unmutes {@code users[0]}, who ranks below them. */
        SET_MUTED,
        /** An admin or the owner changes the group's {@code settings} (name, description, open, admins only). */
        UPDATE,
        /** The owner hands ownership to {@code users[0]} and becomes an admin. */
        TRANSFER,
        /** The owner ends the group: every member leaves at its event, nothing more is accepted. */
        DISSOLVE,
        /** An admin or the owner bans {@code users[0]} (removing them if a member who ranks below). */
        BAN,
        /** An admin or the owner lifts the ban of {@code users[0]}. */
        UNBAN,
        /** An admin or the owner creates the invite link {@code invite}; no event. */
        CREATE_INVITE,
        /** An admin or the owner revokes the invite link {@code invite.code}; no event. */
        REVOKE_INVITE
    }

    /** A mute: on or off, until {@code until} (epoch ms, null for no end). */
    public record Mute(boolean muted, Long until) {
    }

    /** The settings an UPDATE changes; a null field stays as it is. */
    public record Settings(String name, String description, Boolean open, Boolean adminsOnly) {
    }

    /** An invite link: its code, and for a new one its expiry (epoch ms or null) and use limit (or null). */
    public record Invite(String code, Long expiresAt, Integer maxUses) {
    }

    /**
     * What the writer decided for an accepted command: {@code users} whose membership (or role, mute, ban)
     * changes at the event; for an owner who left, the heir ({@code newOwnerId}, 0 for none); for a ban, whether
     * the user was a member and is removed by it ({@code removed}); for an update, the settings that actually
     * changed ({@code changed}, null otherwise).
     */
    public record Decided(List<Long> users, long newOwnerId, boolean removed, Settings changed) {
        public Decided(List<Long> users, long newOwnerId, boolean removed) {
            this(users, newOwnerId, removed, null);
        }
    }

    /** Builds the content of the command's event message from what the writer decided. */
    @FunctionalInterface
    public interface EventBuilder {
        String content(Decided decided);
    }

    public GroupCommand {
        users = List.copyOf(users);
    }

    /** Whether this kind stores an event message (with a seq) when it is accepted. */
    public boolean storesEvent() {
        return kind != Kind.CREATE_INVITE && kind != Kind.REVOKE_INVITE;
    }

    public long target() {
        return users.get(0);
    }

    public static GroupCommand of(Kind kind, List<Long> users, int maxMembers, EventBuilder event) {
        return new GroupCommand(kind, users, null, null, null, null, maxMembers, event);
    }

    public static GroupCommand joinByInvite(long userId, String code, int maxMembers, EventBuilder event) {
        return new GroupCommand(Kind.JOIN, List.of(userId), null, null, null, new Invite(code, null, null),
                maxMembers, event);
    }

    public static GroupCommand setRole(long target, Role role, EventBuilder event) {
        return new GroupCommand(Kind.SET_ROLE, List.of(target), role, null, null, null, 0, event);
    }

    public static GroupCommand setMuted(long target, Mute mute, EventBuilder event) {
        return new GroupCommand(Kind.SET_MUTED, List.of(target), null, mute, null, null, 0, event);
    }

    public static GroupCommand update(Settings settings, EventBuilder event) {
        return new GroupCommand(Kind.UPDATE, List.of(), null, null, settings, null, 0, event);
    }

    public static GroupCommand invite(Kind kind, Invite invite) {
        return new GroupCommand(kind, List.of(), null, null, null, invite, 0, null);
    }
}
