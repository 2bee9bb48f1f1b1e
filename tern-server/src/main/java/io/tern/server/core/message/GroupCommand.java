package io.tern.server.core.message;

import io.tern.server.core.group.Role;
import java.util.List;
import java.util.function.Function;

/**
 * A group administration request, decided by the writer inside its commit (never checked before and acted
 * on later): the actor is the draft's sender; the rules (role, member limit, membership, mute, open group)
 * are checked against the membership as of this point in the conversation, changes earlier in the same
 * batch included. Kinds that change who is a member store an event message whose content {@code event}
 * builds from the users actually affected; the others change the group without a seq.
 */
public record GroupCommand(Kind kind, List<Long> users, Role role, boolean muted, String name, int maxMembers,
                           Function<List<Long>, String> event) {
    public enum Kind {
        /** The first members of a new group; {@code users} includes the owner (the actor). */
        CREATE,
        /** An admin or the owner adds {@code users}; those already members are left out, none left is a no-op. */
        ADD,
        /** The actor joins an open group; a no-op for a member. */
        JOIN,
        /** The actor leaves; an owner hands ownership to the longest-standing admin, else member. */
        LEAVE,
        /** The actor removes {@code users[0]}, who ranks below them. */
        REMOVE,
        /** The owner gives {@code users[0]} the {@code role} (admin or member). */
        SET_ROLE,
        /** An admin or the owner mutes or unmutes {@code users[0]}, who ranks below them. */
        SET_MUTED,
        /** An admin or the owner renames the group to {@code name}. */
        RENAME,
        /** The owner hands ownership to {@code users[0]} and becomes an admin. */
        TRANSFER
    }

    public GroupCommand {
        users = List.copyOf(users);
    }

    /** Whether this kind stores an event message (with a seq) when it is accepted. */
    public boolean storesEvent() {
        return kind == Kind.CREATE || kind == Kind.ADD || kind == Kind.JOIN || kind == Kind.LEAVE
                || kind == Kind.REMOVE;
    }

    public long target() {
        return users.get(0);
    }

    public static GroupCommand of(Kind kind, List<Long> users, int maxMembers, Function<List<Long>, String> event) {
        return new GroupCommand(kind, users, null, false, null, maxMembers, event);
    }

    public static GroupCommand setRole(long target, Role role) {
        return new GroupCommand(Kind.SET_ROLE, List.of(target), role, false, null, 0, null);
    }

    public static GroupCommand setMuted(long target, boolean muted) {
        return new GroupCommand(Kind.SET_MUTED, List.of(target), null, muted, null, 0, null);
    }

    public static GroupCommand rename(String name) {
        return new GroupCommand(Kind.RENAME, List.of(), null, false, name, 0, null);
    }

    public static GroupCommand transfer(long newOwner) {
        return new GroupCommand(Kind.TRANSFER, List.of(newOwner), null, false, null, 0, null);
    }
}
