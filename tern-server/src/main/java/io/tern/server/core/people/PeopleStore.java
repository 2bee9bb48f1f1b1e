package io.tern.server.core.people;

import java.util.List;
import java.util.Optional;

/** Port: profiles and the directory. */
public interface PeopleStore {
    /**
     * Active users whose username or display name starts with {@code lowerPrefix} (compared lower-cased), with
     * a username after {@code afterUsername}, in username order.
     */
    List<Profile> findByPrefix(String lowerPrefix, String afterUsername, int limit);

    /** The profile of an existing account (display name and avatar null when unset). */
    Optional<Profile> profile(long userId);

    /** Sets both fields; null clears one. {@code displayKey} is the lower-cased display name. */
    void saveProfile(long userId, String displayName, String displayKey, String avatarMediaId, long now);
}
