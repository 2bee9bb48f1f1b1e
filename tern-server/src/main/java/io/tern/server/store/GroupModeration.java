package io.tern.server.store;

import io.tern.server.core.group.Role;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.GroupCommand;
import io.tern.server.core.message.GroupCommand.Decided;
import io.tern.server.core.message.GroupCommand.Invite;
import io.tern.server.core.message.MembershipChange;
import io.tern.server.store.GroupMembership.State;
import java.sql.SQLException;
import java.util.List;

/**
 * The rules of running a group, decided inside the writer's commit like {@link GroupRules}: settings (admins),
 * dissolve (the owner), the ban list and invite links (admins). A ban of a member removes them at the same seq,
 * so it needs a role above theirs, as a removal does.
 */
final class GroupModeration {
    private final GroupMembership members;
    private final GroupState group;

    GroupModeration(GroupMembership members, GroupState group) {
        this.members = members;
        this.group = group;
    }

    GroupDecision decide(String conversationId, long actorId, State actor, GroupCommand command) throws SQLException {
        if (!actor.active()) {
            return GroupDecision.refuse(Outcome.NOT_A_MEMBER);
        }
        Role needed = command.kind() == GroupCommand.Kind.DISSOLVE ? Role.OWNER : Role.ADMIN;
        if (actor.role().compareTo(needed) < 0) {
            return GroupDecision.refuse(Outcome.FORBIDDEN);
        }
        return switch (command.kind()) {
            case UPDATE -> update(conversationId, command.settings());
            case DISSOLVE -> dissolve(conversationId);
            case BAN -> ban(conversationId, actorId, actor, command.target());
            case UNBAN -> unban(conversationId, command.target());
            case CREATE_INVITE -> createInvite(conversationId, actorId, command.invite());
            case REVOKE_INVITE -> revokeInvite(conversationId, command.invite().code());
            default -> throw new IllegalArgumentException("not a moderation command: " + command.kind());
        };
    }

    /** Why this invite code cannot be used to join the group now, or null if it can. */
    Outcome inviteRefusal(String conversationId, String code) throws SQLException {
        GroupState.InviteRow invite = group.invite(code);
        if (invite == null || invite.revoked() || invite.groupId() != ConversationIds.groupId(conversationId)) {
            return Outcome.NO_SUCH_INVITE;
        }
        if (invite.expiresAt() != null && invite.expiresAt() <= group.now()) {
            return Outcome.INVITE_EXPIRED;
        }
        if (invite.maxUses() != null && invite.uses() >= invite.maxUses()) {
            return Outcome.INVITE_EXHAUSTED;
        }
        return null;
    }

    private GroupDecision update(String conversationId, GroupCommand.Settings settings) throws SQLException {
        GroupState.Row before = group.row(conversationId);
        GroupState.Row after = before.with(settings);
        if (after.equals(before)) {
            return GroupDecision.refuse(Outcome.NO_OP);
        }
        group.expect(conversationId, after);
        GroupCommand.Settings changed = new GroupCommand.Settings(
                after.name().equals(before.name()) ? null : after.name(),
                after.description().equals(before.description()) ? null : after.description(),
                after.open() == before.open() ? null : after.open(),
                after.adminsOnly() == before.adminsOnly() ? null : after.adminsOnly());
        return new GroupDecision(Outcome.STORED, null, seq -> group.update(conversationId, after),
                new Decided(List.of(), 0, false, changed));
    }

    /** Every member leaves at the event's seq; their windows end there, so their history stays readable. */
    private GroupDecision dissolve(String conversationId) throws SQLException {
        List<Long> all = members.current(conversationId);
        for (long u : all) {
            members.expect(conversationId, u, State.NONE);
        }
        group.expect(conversationId, group.row(conversationId).asDissolved());
        MembershipChange change = MembershipChange.leave(all);
        return new GroupDecision(Outcome.STORED, change, seq -> {
            members.apply(conversationId, seq, change);
            group.dissolve(conversationId);
        }, new Decided(all, 0, false));
    }

    private GroupDecision ban(String conversationId, long actorId, State actor, long targetId) throws SQLException {
        State target = members.state(conversationId, targetId);
        if (targetId == actorId || target.active() && !actor.role().outranks(target.role())) {
            return GroupDecision.refuse(Outcome.FORBIDDEN);
        }
        if (!target.active() && group.banned(conversationId, targetId)) {
            return GroupDecision.refuse(Outcome.NO_OP);
        }
        group.expectBan(conversationId, targetId, true);
        if (!target.active()) {
            return GroupDecision.event(List.of(targetId), seq -> group.ban(conversationId, targetId, actorId));
        }
        members.expect(conversationId, targetId, State.NONE);
        MembershipChange change = MembershipChange.leave(List.of(targetId));
        return new GroupDecision(Outcome.STORED, change, seq -> {
            members.apply(conversationId, seq, change);
            group.ban(conversationId, targetId, actorId);
        }, new Decided(List.of(targetId), 0, true));
    }

    private GroupDecision unban(String conversationId, long targetId) throws SQLException {
        if (!group.banned(conversationId, targetId)) {
            return GroupDecision.refuse(Outcome.NO_OP);
        }
        group.expectBan(conversationId, targetId, false);
        return GroupDecision.event(List.of(targetId), seq -> group.unban(conversationId, targetId));
    }

    private GroupDecision createInvite(String conversationId, long actorId, Invite invite) {
        group.expectInvite(invite.code(), new GroupState.InviteRow(ConversationIds.groupId(conversationId),
                invite.expiresAt(), invite.maxUses(), 0, false));
        return GroupDecision.applied(seq -> group.createInvite(conversationId, invite, actorId));
    }

    private GroupDecision revokeInvite(String conversationId, String code) throws SQLException {
        GroupState.InviteRow invite = group.invite(code);
        if (invite == null || invite.groupId() != ConversationIds.groupId(conversationId)) {
            return GroupDecision.refuse(Outcome.NO_SUCH_INVITE);
        }
        if (invite.revoked()) {
            return GroupDecision.refuse(Outcome.NO_OP);
        }
        group.expectInvite(code, new GroupState.InviteRow(invite.groupId(), invite.expiresAt(), invite.maxUses(),
                invite.uses(), true));
        return GroupDecision.applied(seq -> group.revokeInvite(code));
    }
}
