package io.tern.server.core.group;

/**
 * A group. Its conversation id is {@code g:<id>}. {@code open} groups can be joined without an invitation;
 * in an {@code adminsOnly} group only admins and the owner post; {@code dissolvedAt} is set once the owner
 * dissolved it.
 */
public record Group(long id, String name, long ownerId, boolean open, long createdAt, String description,
                   boolean adminsOnly, Long dissolvedAt) {
    public boolean dissolved() {
        return dissolvedAt != null;
    }
}
