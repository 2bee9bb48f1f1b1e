package io.tern.server.store;

import io.tern.server.core.group.Role;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.GroupCommand;
import io.tern.server.core.message.MembershipChange;
import io.tern.server.store.GroupMembership.State;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The rules of group administration, decided inside the writer's commit with the conversation row locked:
 * membership, role, mute, member limit and open group are read (with this batch's earlier decisions applied)
 * in the same transaction that writes the change, so no concurrent request can slip between check and act.
 * An accepted command is recorded in the overlay at once; its writes run later, in draft order, as its
 * {@link Effect}.
 */
final class GroupRules {
    /** The writes of an accepted command; {@code seq} is its event's seq, or 0 for a command without one. */
    @FunctionalInterface
    interface Effect {
        void run(long seq) throws SQLException;
    }

    /** A refusal ({@code effect} null), a no-op, or an accepted command with its membership change (or null). */
    record Decision(Outcome outcome, MembershipChange change, Effect effect) {
        static Decision refuse(Outcome outcome) {
            return new Decision(outcome, null, null);
        }

        boolean accepted() {
            return effect != null;
        }
    }

    private final GroupMembership members;

    GroupRules(GroupMembership members) {
        this.members = members;
    }

    Decision decide(String conversationId, long actorId, GroupCommand command) throws SQLException {
        State actor = members.state(conversationId, actorId);
        return switch (command.kind()) {
            case CREATE -> create(conversationId, actorId, command);
            case JOIN -> join(conversationId, actorId, actor, command);
            case ADD -> add(conversationId, actor, command);
            case LEAVE -> leave(conversationId, actorId, actor);
            case REMOVE -> remove(conversationId, actor, command.target());
            case SET_ROLE -> setRole(conversationId, actorId, actor, command.target(), command.role());
            case SET_MUTED -> setMuted(conversationId, actor, command.target(), command.muted());
            case RENAME -> !actor.active() ? Decision.refuse(Outcome.NOT_A_MEMBER)
                    : actor.role().compareTo(Role.ADMIN) < 0 ? Decision.refuse(Outcome.FORBIDDEN)
                    : applied(seq -> members.rename(conversationId, command.name()));
            case TRANSFER -> transfer(conversationId, actorId, actor, command.target());
        };
    }

    private Decision create(String conversationId, long ownerId, GroupCommand command) throws SQLException {
        if (members.count(conversationId) + command.users().size() > command.maxMembers()) {
            return Decision.refuse(Outcome.GROUP_FULL);
        }
        for (long u : command.users()) {
            members.expect(conversationId, u, new State(true, u == ownerId ? Role.OWNER : Role.MEMBER, false));
        }
        return membershipChange(conversationId, new MembershipChange(command.users(), List.of(), ownerId));
    }

    private Decision join(String conversationId, long userId, State actor, GroupCommand command) throws SQLException {
        if (actor.active()) {
            return Decision.refuse(Outcome.NO_OP); // a second join must not reset the window of the first
        }
        if (!members.isOpen(conversationId)) {
            return Decision.refuse(Outcome.FORBIDDEN);
        }
        if (members.count(conversationId) + 1 > command.maxMembers()) {
            return Decision.refuse(Outcome.GROUP_FULL);
        }
        members.expect(conversationId, userId, new State(true, Role.MEMBER, false));
        return membershipChange(conversationId, MembershipChange.join(List.of(userId)));
    }

    private Decision add(String conversationId, State actor, GroupCommand command) throws SQLException {
        if (!actor.active()) {
            return Decision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (actor.role().compareTo(Role.ADMIN) < 0) {
            return Decision.refuse(Outcome.FORBIDDEN);
        }
        List<Long> fresh = new ArrayList<>();
        for (long u : new LinkedHashSet<>(command.users())) {
            if (!members.state(conversationId, u).active()) {
                fresh.add(u);
            }
        }
        if (fresh.isEmpty()) {
            return Decision.refuse(Outcome.NO_OP);
        }
        if (members.count(conversationId) + fresh.size() > command.maxMembers()) {
            return Decision.refuse(Outcome.GROUP_FULL);
        }
        for (long u : fresh) {
            members.expect(conversationId, u, new State(true, Role.MEMBER, false));
        }
        return membershipChange(conversationId, MembershipChange.join(fresh));
    }

    private Decision leave(String conversationId, long userId, State actor) throws SQLException {
        if (!actor.active()) {
            return Decision.refuse(Outcome.NOT_A_MEMBER);
        }
        long heir = actor.role() == Role.OWNER ? members.heir(conversationId, userId) : 0;
        if (heir != 0) {
            members.expect(conversationId, heir, new State(true, Role.OWNER, false));
        }
        members.expect(conversationId, userId, State.NONE);
        MembershipChange change = MembershipChange.leave(List.of(userId));
        return new Decision(Outcome.STORED, change, seq -> {
            if (heir != 0) {
                members.transferOwnership(conversationId, userId, heir);
            }
            members.apply(conversationId, seq, change);
        });
    }

    private Decision remove(String conversationId, State actor, long targetId) throws SQLException {
        State target = members.state(conversationId, targetId);
        if (!actor.active() || !target.active()) {
            return Decision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (actor.role() == Role.MEMBER || !actor.role().outranks(target.role())) {
            return Decision.refuse(Outcome.FORBIDDEN);
        }
        members.expect(conversationId, targetId, State.NONE);
        return membershipChange(conversationId, MembershipChange.leave(List.of(targetId)));
    }

    private Decision setRole(String conversationId, long actorId, State actor, long targetId, Role role)
            throws SQLException {
        State target = members.state(conversationId, targetId);
        if (!actor.active()) {
            return Decision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (actor.role() != Role.OWNER) {
            return Decision.refuse(Outcome.FORBIDDEN);
        }
        if (!target.active()) {
            return Decision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (role == Role.OWNER || targetId == actorId) {
            return Decision.refuse(Outcome.FORBIDDEN);
        }
        members.expect(conversationId, targetId, new State(true, role, target.muted()));
        return applied(seq -> members.setRole(conversationId, targetId, role));
    }

    private Decision setMuted(String conversationId, State actor, long targetId, boolean muted) throws SQLException {
        State target = members.state(conversationId, targetId);
        if (!actor.active()) {
            return Decision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (actor.role().compareTo(Role.ADMIN) < 0) {
            return Decision.refuse(Outcome.FORBIDDEN);
        }
        if (!target.active()) {
            return Decision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (!actor.role().outranks(target.role())) {
            return Decision.refuse(Outcome.FORBIDDEN);
        }
        members.expect(conversationId, targetId, new State(true, target.role(), muted));
        return applied(seq -> members.setMuted(conversationId, targetId, muted));
    }

    private Decision transfer(String conversationId, long actorId, State actor, long newOwner) throws SQLException {
        State target = members.state(conversationId, newOwner);
        if (!actor.active()) {
            return Decision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (actor.role() != Role.OWNER) {
            return Decision.refuse(Outcome.FORBIDDEN);
        }
        if (!target.active()) {
            return Decision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (newOwner == actorId) {
            return Decision.refuse(Outcome.NO_OP);
        }
        members.expect(conversationId, newOwner, new State(true, Role.OWNER, false));
        members.expect(conversationId, actorId, new State(true, Role.ADMIN, actor.muted()));
        return applied(seq -> members.transferOwnership(conversationId, actorId, newOwner));
    }

    private Decision membershipChange(String conversationId, MembershipChange change) {
        return new Decision(Outcome.STORED, change, seq -> members.apply(conversationId, seq, change));
    }

    private static Decision applied(Effect effect) {
        return new Decision(Outcome.APPLIED, null, effect);
    }
}
