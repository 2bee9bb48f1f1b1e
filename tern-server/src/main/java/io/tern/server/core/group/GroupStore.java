package io.tern.server.core.group;

import java.util.List;
import java.util.Optional;

/**
 * Port: group metadata and members, read only (but for creating a group). Every change — joins, leaves,
 * roles, mutes, settings, owner, bans, invite links — is decided and written by the message writer inside its commit, so that no
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

    /** The group's ban list, oldest ban first. */
    List<GroupBan> bans(long groupId);

    /** The group's invite links that are not revoked, newest first. */
    List<GroupInvite> invites(long groupId);

    /** The invite link with this code, revoked or not. */
    Optional<GroupInvite> invite(String code);
}
