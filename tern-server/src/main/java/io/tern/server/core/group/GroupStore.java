package io.tern.server.core.group;

import java.util.List;
import java.util.Optional;

/**
 * Port: group metadata and members, read only (but for creating a group). Every change — joins, leaves,
 * roles, mutes, name, owner — is decided and written by the message writer inside its commit, so that no
 * rule is checked here and acted on later.
 */
public interface GroupStore {
    /** Creates the group and its empty conversation; returns the group id. */
    long create(String name, long ownerId, boolean open, long now);

    Optional<Group> find(long groupId);

    /** Current members, oldest first. */
    List<GroupMember> members(long groupId, int limit, int offset);

    Optional<GroupMember> member(long groupId, long userId);

    int memberCount(long groupId);

    /** Ids of the current members. */
    List<Long> memberIds(long groupId);

    /** The seq of the group's last membership change (0 if none): the version of {@link #memberIds}. */
    long membersSeq(long groupId);

    /** Groups the user currently belongs to. */
    List<Group> groupsOf(long userId);

    /** Which of the given user ids have an account. */
    List<Long> existingUsers(List<Long> userIds);
}
