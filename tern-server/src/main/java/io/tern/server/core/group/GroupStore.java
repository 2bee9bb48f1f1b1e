package io.tern.server.core.group;

import java.util.List;
import java.util.Optional;

/**
 * Port: group metadata and member attributes. Membership itself (joins, leaves) is written by the message
 * writer with the event message; this port only reads it and changes roles and mutes.
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

    void setRole(long groupId, long userId, Role role);

    void setMuted(long groupId, long userId, boolean muted);

    void rename(long groupId, String name);

    /** Makes {@code newOwner} the owner and the old owner an admin. */
    void transferOwnership(long groupId, long oldOwner, long newOwner);

    /** Which of the given user ids have an account. */
    List<Long> existingUsers(List<Long> userIds);
}
