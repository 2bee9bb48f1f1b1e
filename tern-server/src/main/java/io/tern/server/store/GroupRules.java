package io.tern.server.store;

import io.tern.server.core.group.Role;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.GroupCommand;
import io.tern.server.core.message.GroupCommand.Decided;
import io.tern.server.core.message.GroupCommand.Mute;
import io.tern.server.core.message.MembershipChange;
import io.tern.server.store.GroupMembership.State;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The rules of group membership and roles, decided inside the writer's commit with the conversation row
 * locked: membership, role, mute, ban, member limit, open group and invite links are read (with this batch's
 * earlier decisions applied) in the same transaction that writes the change, so no concurrent request can slip
 * between check and act. An accepted command is recorded in the overlay at once; its writes run later, in
 * draft order, as its {@link GroupDecision.Effect}. Settings, dissolve and bans are {@link GroupModeration}'s.
 */
final class GroupRules {
    private final GroupMembership members;
    private final GroupState group;
    private final GroupModeration moderation;

    GroupRules(GroupMembership members, GroupState group) {
        this.members = members;
        this.group = group;
        this.moderation = new GroupModeration(members, group);
    }

    GroupDecision decide(String conversationId, long actorId, GroupCommand command) throws SQLException {
        State actor = members.state(conversationId, actorId);
        return switch (command.kind()) {
            case CREATE -> create(conversationId, actorId, command);
            case JOIN -> join(conversationId, actorId, actor, command);
            case ADD -> add(conversationId, actor, command);
            case LEAVE -> leave(conversationId, actorId, actor);
            case REMOVE -> remove(conversationId, actor, command.target());
            case SET_ROLE -> setRole(conversationId, actorId, actor, command.target(), command.role());
            case SET_MUTED -> setMuted(conversationId, actor, command.target(), command.mute());
            case TRANSFER -> transfer(conversationId, actorId, actor, command.target());
            default -> moderation.decide(conversationId, actorId, actor, command);
        };
    }

    private GroupDecision create(String conversationId, long ownerId, GroupCommand command) throws SQLException {
        if (members.count(conversationId) + command.users().size() > command.maxMembers()) {
            return GroupDecision.refuse(Outcome.GROUP_FULL);
        }
        for (long u : command.users()) {
            members.expect(conversationId, u, new State(true, u == ownerId ? Role.OWNER : Role.MEMBER, false));
        }
        return membershipChange(conversationId, new MembershipChange(command.users(), List.of(), ownerId));
    }

    /** An open group, or any group with a valid invite link; the link is used only by an actual join. */
    private GroupDecision join(String conversationId, long userId, State actor, GroupCommand command)
            throws SQLException {
        if (actor.active()) {
            return GroupDecision.refuse(Outcome.NO_OP); // a second join must not reset the window of the first
        }
        GroupState.Row row = group.row(conversationId);
        String code = command.invite() == null ? null : command.invite().code();
        Outcome invalid = code == null ? null : moderation.inviteRefusal(conversationId, code);
        if (invalid != null) {
            return GroupDecision.refuse(invalid);
        }
        if (group.banned(conversationId, userId)) {
            return GroupDecision.refuse(Outcome.BANNED);
        }
        if (!row.started() || code == null && !row.open()) {
            // before its "created" event is stored, a join would take a place meant for the first members
            return GroupDecision.refuse(Outcome.FORBIDDEN);
        }
        if (members.count(conversationId) + 1 > command.maxMembers()) {
            return GroupDecision.refuse(Outcome.GROUP_FULL);
        }
        members.expect(conversationId, userId, new State(true, Role.MEMBER, false));
        MembershipChange change = MembershipChange.join(List.of(userId));
        if (code == null) {
            return membershipChange(conversationId, change);
        }
        group.expectInvite(code, group.invite(code).used());
        return new GroupDecision(Outcome.STORED, change, seq -> {
            members.apply(conversationId, seq, change);
            group.useInvite(code);
        }, decided(change));
    }

    private GroupDecision add(String conversationId, State actor, GroupCommand command) throws SQLException {
        if (!actor.active()) {
            return GroupDecision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (actor.role().compareTo(Role.ADMIN) < 0) {
            return GroupDecision.refuse(Outcome.FORBIDDEN);
        }
        List<Long> fresh = new ArrayList<>();
        for (long u : new LinkedHashSet<>(command.users())) {
            if (!members.state(conversationId, u).active()) {
                if (group.banned(conversationId, u)) {
                    return GroupDecision.refuse(Outcome.BANNED); // all or nothing, like the member limit
                }
                fresh.add(u);
            }
        }
        if (fresh.isEmpty()) {
            return GroupDecision.refuse(Outcome.NO_OP);
        }
        if (members.count(conversationId) + fresh.size() > command.maxMembers()) {
            return GroupDecision.refuse(Outcome.GROUP_FULL);
        }
        for (long u : fresh) {
            members.expect(conversationId, u, new State(true, Role.MEMBER, false));
        }
        return membershipChange(conversationId, MembershipChange.join(fresh));
    }

    /** An owner who leaves hands the group to the oldest admin, else the oldest member (see GroupMembership#heir). */
    private GroupDecision leave(String conversationId, long userId, State actor) throws SQLException {
        if (!actor.active()) {
            return GroupDecision.refuse(Outcome.NOT_A_MEMBER);
        }
        long heir = actor.role() == Role.OWNER ? members.heir(conversationId, userId) : 0;
        if (heir != 0) {
            members.expect(conversationId, heir, new State(true, Role.OWNER, false));
        }
        members.expect(conversationId, userId, State.NONE);
        MembershipChange change = MembershipChange.leave(List.of(userId));
        return new GroupDecision(Outcome.STORED, change, seq -> {
            if (heir != 0) {
                members.transferOwnership(conversationId, userId, heir);
            }
            members.apply(conversationId, seq, change);
        }, new Decided(change.left(), heir, false));
    }

    private GroupDecision remove(String conversationId, State actor, long targetId) throws SQLException {
        State target = members.state(conversationId, targetId);
        if (!actor.active() || !target.active()) {
            return GroupDecision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (actor.role() == Role.MEMBER || !actor.role().outranks(target.role())) {
            return GroupDecision.refuse(Outcome.FORBIDDEN);
        }
        members.expect(conversationId, targetId, State.NONE);
        return membershipChange(conversationId, MembershipChange.leave(List.of(targetId)));
    }

    private GroupDecision setRole(String conversationId, long actorId, State actor, long targetId, Role role)
            throws SQLException {
        State target = members.state(conversationId, targetId);
        if (!actor.active()) {
            return GroupDecision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (actor.role() != Role.OWNER) {
            return GroupDecision.refuse(Outcome.FORBIDDEN);
        }
        if (!target.active()) {
            return GroupDecision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (role == Role.OWNER || targetId == actorId) {
            return GroupDecision.refuse(Outcome.FORBIDDEN);
        }
        if (target.role() == role) {
            return GroupDecision.refuse(Outcome.NO_OP);
        }
        members.expect(conversationId, targetId, new State(true, role, target.muted(), target.mutedUntil()));
        return GroupDecision.event(List.of(targetId), seq -> members.setRole(conversationId, targetId, role));
    }

    private GroupDecision setMuted(String conversationId, State actor, long targetId, Mute mute) throws SQLException {
        State target = members.state(conversationId, targetId);
        if (!actor.active()) {
            return GroupDecision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (actor.role().compareTo(Role.ADMIN) < 0) {
            return GroupDecision.refuse(Outcome.FORBIDDEN);
        }
        if (!target.active()) {
            return GroupDecision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (!actor.role().outranks(target.role())) {
            return GroupDecision.refuse(Outcome.FORBIDDEN);
        }
        Long until = mute.muted() ? mute.until() : null;
        boolean mutedNow = target.mutedAt(group.now());
        if (mutedNow == mute.muted() && (!mutedNow || Objects.equals(target.mutedUntil(), until))) {
            return GroupDecision.refuse(Outcome.NO_OP);
        }
        members.expect(conversationId, targetId, new State(true, target.role(), mute.muted(), until));
        return GroupDecision.event(List.of(targetId),
                seq -> members.setMuted(conversationId, targetId, mute.muted(), until));
    }

    private GroupDecision transfer(String conversationId, long actorId, State actor, long newOwner)
            throws SQLException {
        State target = members.state(conversationId, newOwner);
        if (!actor.active()) {
            return GroupDecision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (actor.role() != Role.OWNER) {
            return GroupDecision.refuse(Outcome.FORBIDDEN);
        }
        if (!target.active()) {
            return GroupDecision.refuse(Outcome.NOT_A_MEMBER);
        }
        if (newOwner == actorId) {
            return GroupDecision.refuse(Outcome.NO_OP);
        }
        members.expect(conversationId, newOwner, new State(true, Role.OWNER, false));
        members.expect(conversationId, actorId, new State(true, Role.ADMIN, actor.muted(), actor.mutedUntil()));
        return GroupDecision.event(List.of(newOwner),
                seq -> members.transferOwnership(conversationId, actorId, newOwner));
    }

    private GroupDecision membershipChange(String conversationId, MembershipChange change) {
        return new GroupDecision(Outcome.STORED, change, seq -> members.apply(conversationId, seq, change),
                decided(change));
    }

    static Decided decided(MembershipChange change) {
        return new Decided(change.joined().isEmpty() ? change.left() : change.joined(), 0, false);
    }
}
