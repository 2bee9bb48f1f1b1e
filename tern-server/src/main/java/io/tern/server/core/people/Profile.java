package io.tern.server.core.people;

/** What others see of a user: the username, and the display name and avatar (a media id) if set. */
public record Profile(long userId, String username, String displayName, String avatarMediaId) {
}
