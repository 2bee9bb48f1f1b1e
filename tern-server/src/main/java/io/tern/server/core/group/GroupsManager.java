package io.tern.server.core.group;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.message.GroupCommand;
import io.tern.server.core.message.GroupCommand.Kind;
import io.tern.server.core.message.Message;
import io.tern.server.core.message.MessagesManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Group management with the usual rights: any member may read the group and leave; admins and the owner
 * add members, remove and mute members who rank below them, and rename; only the owner changes roles and
 * hands ownership over. Joins and leaves are committed as event messages (contentType 100) in the group's
 * conversation. Every rule (role, member limit, membership, open group) is decided by the message writer
 * inside its commit, in the conversation's order (see {@link GroupCommand}); this class validates input and
 * turns refusals into errors. Blocking: run off the I/O threads.
 */
public final class GroupsManager {
    /** The contentType of group event messages. */
    public static final int EVENT_CONTENT_TYPE = GroupEvents.CONTENT_TYPE;
    private static final int MAX_NAME = 64;

    private final GroupStore store;
    private final MessagesManager messages;
    private final Clock clock;
    private final int maxMembers;

    public GroupsManager(GroupStore store, MessagesManager messages, Clock clock, int maxMembers) {
        this.store = store;
        this.messages = messages;
        this.clock = clock;
        this.maxMembers = maxMembers;
    }

    public Group create(long ownerId, String name, List<Long> memberIds, boolean open) {
        checkName(name);
        LinkedHashSet<Long> all = new LinkedHashSet<>();
        all.add(ownerId);
        all.addAll(memberIds);
        checkUsersExist(all);
        if (all.size() > maxMembers) { // nothing to race with yet; saves creating a group that stays empty
            throw new TernException(ErrorCode.GROUP_FULL, "a group has at most " + maxMembers + " members");
        }
        long groupId = store.create(name, ownerId, open, clock.millis());
        decide(ownerId, groupId, GroupCommand.of(Kind.CREATE, List.copyOf(all), maxMembers,
                GroupEvents.created(ownerId, name)));
        return store.find(groupId).orElseThrow();
    }

    /** The group (open, or the user is a member); GROUP_DISSOLVED once dissolved (its history stays readable). */
    public Group get(long userId, long groupId) {
        Group group = requireGroup(groupId);
        if (!group.open()) {
            requireMember(groupId, userId);
        }
        return group;
    }

    /** A page of members; a mute past its end shows as none, as the writer no longer applies it. */
    public List<GroupMember> members(long userId, long groupId, int limit, int offset) {
        get(userId, groupId);
        long now = clock.millis();
        return store.members(groupId, limit, offset).stream().map(m -> m.muted() && !m.mutedAt(now)
                ? new GroupMember(m.userId(), m.role(), false, m.joinedSeq(), null) : m).toList();
    }

    public int memberCount(long groupId) {
        return store.memberCount(groupId);
    }

    public List<Group> groupsOf(long userId) {
        return store.groupsOf(userId);
    }

    public void addMembers(long actorId, long groupId, List<Long> userIds) {
        requireGroup(groupId);
        List<Long> distinct = List.copyOf(new LinkedHashSet<>(userIds));
        checkUsersExist(distinct);
        decide(actorId, groupId, GroupCommand.of(Kind.ADD, distinct, maxMembers, GroupEvents.added(actorId)));
    }

    public void join(long userId, long groupId) {
        requireGroup(groupId);
        decide(userId, groupId, GroupCommand.of(Kind.JOIN, List.of(userId), maxMembers,
                GroupEvents.joined(userId, false)));
    }

    /** Leaves the group; an owner who leaves hands ownership to the longest-standing admin, else member. */
    public void leave(long userId, long groupId) {
        requireGroup(groupId);
        decide(userId, groupId, GroupCommand.of(Kind.LEAVE, List.of(userId), maxMembers, GroupEvents.left(userId)));
    }

    public void remove(long actorId, long groupId, long targetId) {
        if (actorId == targetId) {
            leave(actorId, groupId);
            return;
        }
        requireGroup(groupId);
        decide(actorId, groupId, GroupCommand.of(Kind.REMOVE, List.of(targetId), maxMembers,
                GroupEvents.removed(actorId)));
    }

    /** Answers the seq of the "roleChanged" event, 0 if the member had that role. */
    public long setRole(long actorId, long groupId, long targetId, Role role) {
        requireGroup(groupId);
        return decide(actorId, groupId, GroupCommand.setRole(targetId, role, GroupEvents.roleChanged(actorId, role)));
    }

    /** Mutes (until {@code until}, epoch ms, or for good if null) or unmutes a member. */
    public long setMuted(long actorId, long groupId, long targetId, boolean muted, Long until) {
        if (muted && until != null && until <= clock.millis()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'mutedUntil' must lie in the future");
        }
        requireGroup(groupId);
        return decide(actorId, groupId, GroupCommand.setMuted(targetId, new GroupCommand.Mute(muted, until),
                GroupEvents.muted(actorId, muted, until)));
    }

    public long transferOwnership(long actorId, long groupId, long newOwner) {
        requireGroup(groupId);
        return decide(actorId, groupId, GroupCommand.of(Kind.TRANSFER, List.of(newOwner), maxMembers,
                GroupEvents.ownerChanged(actorId)));
    }

    /**
     * Hands the command to the writer, which checks every rule inside its commit and either applies it or
     * refuses it; a refusal comes back as the TernException of the rule.
     */
    /** Answers the event's seq, or 0 if the command stored none (nothing to do, or an invite link). */
    long decide(long actorId, long groupId, GroupCommand command) {
        try {
            Message event = messages.groupCommand(actorId, groupId, command).join();
            return event == null ? 0 : event.seq();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** The group, unless it does not exist or was dissolved; the writer checks again inside its commit. */
    Group requireGroup(long groupId) {
        Group group = store.find(groupId)
                .orElseThrow(() -> new TernException(ErrorCode.NO_SUCH_GROUP, "no group with id " + groupId));
        if (group.dissolved()) {
            throw new TernException(ErrorCode.GROUP_DISSOLVED, "group " + groupId
                    + " was dissolved by its owner; its history stays readable");
        }
        return group;
    }

    GroupMember requireMember(long groupId, long userId) {
        requireGroup(groupId);
        return store.member(groupId, userId)
                .orElseThrow(() -> new TernException(ErrorCode.NOT_A_MEMBER, "user " + userId + " is not a member of group " + groupId));
    }

    private void checkUsersExist(java.util.Collection<Long> ids) {
        List<Long> missing = new ArrayList<>(ids);
        missing.removeAll(store.existingUsers(List.copyOf(ids)));
        if (!missing.isEmpty()) {
            throw new TernException(ErrorCode.NO_SUCH_USER, "no users with ids " + missing);
        }
    }

    static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new TernException(ErrorCode.INVALID_FIELD, "group name must be 1-" + MAX_NAME + " characters");
        }
    }
}
