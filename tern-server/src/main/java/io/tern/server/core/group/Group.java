package io.tern.server.core.group;

/** A group. Its conversation id is {@code g:<id>}. {@code open} groups can be joined without an invitation. */
public record Group(long id, String name, long ownerId, boolean open, long createdAt) {
}
