package io.tern.client;

/**
 * A group: its id, the conversation its messages go to ({@code g:<groupId>}), its name, owner, whether
 * anyone may join it without being added, how many members it has, its description, and whether only admins
 * may post.
 */
public record GroupInfo(long groupId, String conversationId, String name, long ownerId, boolean open,
                        int memberCount, String description, boolean adminsOnly) {
    public GroupInfo(long groupId, String conversationId, String name, long ownerId, boolean open, int memberCount) {
        this(groupId, conversationId, name, ownerId, open, memberCount, "", false);
    }
}
