package io.tern.server.core.group;

import io.tern.protocol.ErrorCode;
import io.tern.protocol.FrameCodec;
import io.tern.server.core.TernException;
import io.tern.server.core.message.MembershipChange;
import io.tern.server.core.message.MessagesManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * Group management with the usual rights: any member may read the group and leave; admins and the owner
 * add members, remove and mute members who rank below them, and rename; only the owner changes roles and
 * hands ownership over. Joins and leaves are committed as event messages (contentType 100) in the group's
 * conversation. Blocking: run off the I/O threads.
 */
public final class GroupsManager {
    /** The contentType of group event messages. */
    public static final int EVENT_CONTENT_TYPE = 100;
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
        if (all.size() > maxMembers) {
            throw new TernException(ErrorCode.GROUP_FULL, "a group has at most " + maxMembers + " members");
        }
        long groupId = store.create(name, ownerId, open, clock.millis());
        List<Long> joined = List.copyOf(all);
        event(ownerId, groupId, "created", joined, Map.of("name", name), new MembershipChange(joined, List.of(), ownerId));
        return store.find(groupId).orElseThrow();
    }

    public Group get(long userId, long groupId) {
        Group group = requireGroup(groupId);
        if (!group.open()) {
            requireMember(groupId, userId);
        }
        return group;
    }

    public List<GroupMember> members(long userId, long groupId, int limit, int offset) {
        get(userId, groupId);
        return store.members(groupId, limit, offset);
    }

    public int memberCount(long groupId) {
        return store.memberCount(groupId);
    }

    public List<Group> groupsOf(long userId) {
        return store.groupsOf(userId);
    }

    public void addMembers(long actorId, long groupId, List<Long> userIds) {
        requireGroup(groupId);
        requireRole(groupId, actorId, Role.ADMIN);
        List<Long> fresh = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(userIds)) {
            if (store.member(groupId, id).isEmpty()) {
                fresh.add(id);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        checkUsersExist(fresh);
        checkRoom(groupId, fresh.size());
        event(actorId, groupId, "added", fresh, Map.of(), MembershipChange.join(fresh));
    }

    public void join(long userId, long groupId) {
        Group group = requireGroup(groupId);
        if (store.member(groupId, userId).isPresent()) {
            return;
        }
        if (!group.open()) {
            throw new TernException(ErrorCode.FORBIDDEN, "group " + groupId + " is not open; ask an admin to add you");
        }
        checkRoom(groupId, 1);
        event(userId, groupId, "joined", List.of(userId), Map.of(), MembershipChange.join(List.of(userId)));
    }

    /** Leaves the group; an owner who leaves hands ownership to the longest-standing admin, else member. */
    public void leave(long userId, long groupId) {
        GroupMember me = requireMember(groupId, userId);
        if (me.role() == Role.OWNER) {
            store.members(groupId, maxMembers, 0).stream()
                    .filter(m -> m.userId() != userId)
                    .min((a, b) -> a.role() != b.role() ? b.role().compareTo(a.role()) : Long.compare(a.joinedSeq(), b.joinedSeq()))
                    .ifPresent(heir -> store.transferOwnership(groupId, userId, heir.userId()));
        }
        event(userId, groupId, "left", List.of(userId), Map.of(), MembershipChange.leave(List.of(userId)));
    }

    public void remove(long actorId, long groupId, long targetId) {
        if (actorId == targetId) {
            leave(actorId, groupId);
            return;
        }
        GroupMember actor = requireMember(groupId, actorId);
        GroupMember target = requireMember(groupId, targetId);
        if (!actor.role().outranks(target.role()) || actor.role() == Role.MEMBER) {
            throw new TernException(ErrorCode.FORBIDDEN, "only a higher role may remove this member");
        }
        event(actorId, groupId, "removed", List.of(targetId), Map.of(), MembershipChange.leave(List.of(targetId)));
    }

    public void setRole(long actorId, long groupId, long targetId, Role role) {
        requireRole(groupId, actorId, Role.OWNER);
        requireMember(groupId, targetId);
        if (role == Role.OWNER || targetId == actorId) {
            throw new TernException(ErrorCode.FORBIDDEN, "use the owner transfer to hand ownership over");
        }
        store.setRole(groupId, targetId, role);
    }

    public void setMuted(long actorId, long groupId, long targetId, boolean muted) {
        GroupMember actor = requireRole(groupId, actorId, Role.ADMIN);
        GroupMember target = requireMember(groupId, targetId);
        if (!actor.role().outranks(target.role())) {
            throw new TernException(ErrorCode.FORBIDDEN, "only a higher role may mute this member");
        }
        store.setMuted(groupId, targetId, muted);
    }

    public void rename(long actorId, long groupId, String name) {
        checkName(name);
        requireRole(groupId, actorId, Role.ADMIN);
        store.rename(groupId, name);
    }

    public void transferOwnership(long actorId, long groupId, long newOwner) {
        requireRole(groupId, actorId, Role.OWNER);
        requireMember(groupId, newOwner);
        if (newOwner != actorId) {
            store.transferOwnership(groupId, actorId, newOwner);
        }
    }

    private void event(long actorId, long groupId, String event, List<Long> userIds, Map<String, Object> extra,
                       MembershipChange change) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("contentType", EVENT_CONTENT_TYPE);
        content.put("event", event);
        content.put("actorId", actorId);
        content.put("userIds", userIds);
        content.putAll(extra);
        String json;
        try {
            json = FrameCodec.mapper().writeValueAsString(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            messages.groupEvent(actorId, groupId, "event-" + UUID.randomUUID(), json, change).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private Group requireGroup(long groupId) {
        return store.find(groupId)
                .orElseThrow(() -> new TernException(ErrorCode.NO_SUCH_GROUP, "no group with id " + groupId));
    }

    private GroupMember requireMember(long groupId, long userId) {
        requireGroup(groupId);
        return store.member(groupId, userId)
                .orElseThrow(() -> new TernException(ErrorCode.NOT_A_MEMBER, "user " + userId + " is not a member of group " + groupId));
    }

    private GroupMember requireRole(long groupId, long userId, Role least) {
        GroupMember member = requireMember(groupId, userId);
        if (member.role().compareTo(least) < 0) {
            throw new TernException(ErrorCode.FORBIDDEN, "this needs the " + least.wireName() + " role");
        }
        return member;
    }

    private void checkRoom(long groupId, int adding) {
        if (store.memberCount(groupId) + adding > maxMembers) {
            throw new TernException(ErrorCode.GROUP_FULL, "a group has at most " + maxMembers + " members");
        }
    }

    private void checkUsersExist(java.util.Collection<Long> ids) {
        List<Long> missing = new ArrayList<>(ids);
        missing.removeAll(store.existingUsers(List.copyOf(ids)));
        if (!missing.isEmpty()) {
            throw new TernException(ErrorCode.NO_SUCH_USER, "no users with ids " + missing);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new TernException(ErrorCode.INVALID_FIELD, "group name must be 1-" + MAX_NAME + " characters");
        }
    }
}
