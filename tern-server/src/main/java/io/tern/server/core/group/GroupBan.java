package io.tern.server.core.group;

/** A user on a group's ban list: who banned them and when. */
public record GroupBan(long userId, long bannedBy, long bannedAt) {
}
