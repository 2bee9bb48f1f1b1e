package io.tern.client;

/** A user as the directory shows one: id, username, and the display name and avatar (media id) if set. */
public record UserProfile(long userId, String username, String displayName, String avatarMediaId) {
}
