package io.tern.client;

/**
 * A group: its id, the conversation its messages go to ({@code g:<groupId>}), its name, owner, whether
 * anyone may join it without being added, and how many members it has.
 */
public record GroupInfo(long groupId, String conversationId, String name, long ownerId, boolean open,
                        int memberCount) {
}
