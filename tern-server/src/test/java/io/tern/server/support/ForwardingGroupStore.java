package io.tern.server.support;

import io.tern.server.core.group.Group;
import io.tern.server.core.group.GroupMember;
import io.tern.server.core.group.GroupStore;
import io.tern.server.core.group.Role;
import java.util.List;
import java.util.Optional;

/** The real group store with every call passed through; a test overrides the call it needs to watch or break. */
public class ForwardingGroupStore implements GroupStore {
    private final GroupStore real;

    public ForwardingGroupStore(GroupStore real) {
        this.real = real;
    }

    @Override
    public long create(String name, long ownerId, boolean open, long now) {
        return real.create(name, ownerId, open, now);
    }

    @Override
    public Optional<Group> find(long groupId) {
        return real.find(groupId);
    }

    @Override
    public List<GroupMember> members(long groupId, int limit, int offset) {
        return real.members(groupId, limit, offset);
    }

    @Override
    public Optional<GroupMember> member(long groupId, long userId) {
        return real.member(groupId, userId);
    }

    @Override
    public int memberCount(long groupId) {
        return real.memberCount(groupId);
    }

    @Override
    public List<Long> memberIds(long groupId) {
        return real.memberIds(groupId);
    }

    @Override
    public long membersSeq(long groupId) {
        return real.membersSeq(groupId);
    }

    @Override
    public List<Group> groupsOf(long userId) {
        return real.groupsOf(userId);
    }





    @Override
    public List<Long> existingUsers(List<Long> userIds) {
        return real.existingUsers(userIds);
    }

    @Override
    public List<io.tern.server.core.group.GroupBan> bans(long groupId) {
        return real.bans(groupId);
    }

    @Override
    public List<io.tern.server.core.group.GroupInvite> invites(long groupId) {
        return real.invites(groupId);
    }

    @Override
    public Optional<io.tern.server.core.group.GroupInvite> invite(String code) {
        return real.invite(code);
    }
}
