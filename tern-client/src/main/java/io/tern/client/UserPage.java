package io.tern.client;

import java.util.List;

/** One page of the user directory; {@code nextAfter} continues it (null: no more). */
public record UserPage(List<UserProfile> users, String nextAfter) {
    public UserPage {
        users = List.copyOf(users);
    }
}
