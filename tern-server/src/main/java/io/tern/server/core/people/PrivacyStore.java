package io.tern.server.core.people;

import java.util.Collection;
import java.util.Map;

/** Port: each user's privacy settings (absent: everyone sees everything). */
public interface PrivacyStore {
    Map<Long, Privacy> of(Collection<Long> userIds);

    void save(long userId, Privacy privacy);
}
