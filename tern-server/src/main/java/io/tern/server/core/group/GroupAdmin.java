package io.tern.server.core.group;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.message.GroupCommand;
import io.tern.server.core.message.GroupCommand.Invite;
import io.tern.server.core.message.GroupCommand.Kind;
import io.tern.server.core.message.GroupCommand.Settings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Running a group: settings (name, description, open, "only admins may post"), dissolve, the ban list and
 * invite links. Like {@link GroupsManager}, every rule is decided by the writer inside its commit; this class
 * validates input and reads the lists. Every change but an invite link is an event message with a seq, so
 * members' clients follow it live and a device that was offline catches up by seq. Blocking: run off the I/O
 * threads.
 */
public final class GroupAdmin {
    /** Longest description, in UTF-16 units. */
    public static final int MAX_DESCRIPTION = 500;
    /** Most uses one invite link may allow. */
    public static final int MAX_INVITE_USES = 100_000;

    private final GroupsManager groups;
    private final GroupStore store;
    private final Clock clock;
    private final int maxMembers;
    private final SecureRandom random = new SecureRandom();

    public GroupAdmin(GroupsManager groups, GroupStore store, Clock clock, int maxMembers) {
        this.groups = groups;
        this.store = store;
        this.clock = clock;
        this.maxMembers = maxMembers;
    }

    /** Changes the settings given (null fields stay); answers the seq of the "updated" event, 0 if nothing changed. */
    public long update(long actorId, long groupId, Settings settings) {
        if (settings.name() == null && settings.description() == null && settings.open() == null
                && settings.adminsOnly() == null) {
            throw new TernException(ErrorCode.INVALID_FIELD, "give at least one of 'name', 'description', 'open', "
                    + "'adminsOnly'");
        }
        if (settings.name() != null) {
            GroupsManager.checkName(settings.name());
        }
        if (settings.description() != null && settings.description().length() > MAX_DESCRIPTION) {
            throw new TernException(ErrorCode.INVALID_FIELD, "description must be at most " + MAX_DESCRIPTION
                    + " characters");
        }
        groups.requireGroup(groupId);
        return groups.decide(actorId, groupId, GroupCommand.update(settings, GroupEvents.updated(actorId)));
    }

    /** The owner ends the group; every member leaves at the "dissolved" event. Answers its seq. */
    public long dissolve(long actorId, long groupId) {
        groups.requireGroup(groupId);
        return groups.decide(actorId, groupId, GroupCommand.of(Kind.DISSOLVE, List.of(), maxMembers,
                GroupEvents.dissolved(actorId)));
    }

    /** Bans a user (removing them if they are a member); answers the event's seq, 0 if already banned. */
    public long ban(long actorId, long groupId, long userId) {
        groups.requireGroup(groupId);
        if (store.existingUsers(List.of(userId)).isEmpty()) {
            throw new TernException(ErrorCode.NO_SUCH_USER, "no user with id " + userId);
        }
        return groups.decide(actorId, groupId, GroupCommand.of(Kind.BAN, List.of(userId), maxMembers,
                GroupEvents.banned(actorId)));
    }

    /** Lifts a ban; answers the "unbanned" event's seq, 0 if the user was not banned. */
    public long unban(long actorId, long groupId, long userId) {
        groups.requireGroup(groupId);
        return groups.decide(actorId, groupId, GroupCommand.of(Kind.UNBAN, List.of(userId), maxMembers,
                GroupEvents.unbanned(actorId)));
    }

    /** The ban list; for admins and the owner. */
    public List<GroupBan> bans(long actorId, long groupId) {
        requireAdmin(actorId, groupId);
        return store.bans(groupId);
    }

    /** Creates an invite link valid until {@code expiresAt} (or for good) for {@code maxUses} joins (or any). */
    public GroupInvite createInvite(long actorId, long groupId, Long expiresAt, Integer maxUses) {
        if (expiresAt != null && expiresAt <= clock.millis()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'expiresAt' must lie in the future");
        }
        if (maxUses != null && (maxUses < 1 || maxUses > MAX_INVITE_USES)) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'maxUses' must be 1-" + MAX_INVITE_USES);
        }
        groups.requireGroup(groupId);
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        groups.decide(actorId, groupId, GroupCommand.invite(Kind.CREATE_INVITE, new Invite(code, expiresAt, maxUses)));
        return store.invite(code).orElseThrow();
    }

    /** The group's invite links that are not revoked (expired and used-up ones included); for admins. */
    public List<GroupInvite> invites(long actorId, long groupId) {
        requireAdmin(actorId, groupId);
        return store.invites(groupId);
    }

    public void revokeInvite(long actorId, long groupId, String code) {
        groups.requireGroup(groupId);
        groups.decide(actorId, groupId, GroupCommand.invite(Kind.REVOKE_INVITE, new Invite(code, null, null)));
    }

    /** Joins the group of an invite link (closed groups too); answers the group. */
    public Group joinByInvite(long userId, String code) {
        GroupInvite invite = store.invite(code)
                .orElseThrow(() -> new TernException(ErrorCode.NO_SUCH_INVITE, "no such invite link, or it was revoked"));
        groups.requireGroup(invite.groupId());
        groups.decide(userId, invite.groupId(), GroupCommand.joinByInvite(userId, code, maxMembers,
                GroupEvents.joined(userId, true)));
        return store.find(invite.groupId()).orElseThrow();
    }

    /** A read the writer does not decide: a demoted admin may see a list a moment longer, nothing changes. */
    private void requireAdmin(long actorId, long groupId) {
        GroupMember member = groups.requireMember(groupId, actorId);
        if (member.role() == Role.MEMBER) {
            throw new TernException(ErrorCode.FORBIDDEN, "this needs the admin role");
        }
    }
}
