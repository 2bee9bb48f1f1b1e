package io.tern.server.core.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cache behind block, contact and privacy decisions: it keeps answers, forgets a user's the moment a change
 * about them is told, never keeps an answer read while a change committed, and stays bounded.
 */
class VisibilityCacheTest {
    private final VisibilityCache cache = new VisibilityCache();
    private final AtomicInteger loads = new AtomicInteger();

    private Set<Long> load(long userId, Set<Long> answer) {
        loads.incrementAndGet();
        return answer;
    }

    @Test
    void keepsAnAnswer_untilAChangeAboutEitherUserIsTold() {
        assertThat(cache.separated(1, id -> load(id, Set.of()))).isEmpty();
        assertThat(cache.separated(1, id -> load(id, Set.of(9L)))).isEmpty();
        assertThat(loads).hasValue(1);
        cache.between(2, 1); // user 1 is the second of the pair
        assertThat(cache.separated(1, id -> load(id, Set.of(2L)))).containsExactly(2L);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anAnswerReadWhileAChangeCommitted_isNotKept() {
        // the store answered "no block" just before the block committed and the change was told
        Set<Long> stale = cache.contacts(1, id -> {
            cache.between(1, 2);
            return load(id, Set.of(2L));
        });
        assertThat(stale).containsExactly(2L);
        assertThat(cache.contacts(1, id -> load(id, Set.of()))).isEmpty();
        assertThat(loads).hasValue(2);
    }

    @Test
    void privacy_isKeptPerUser_withDefaultsForUsersWithoutSettings_andDroppedOnChange() {
        Privacy nobody = new Privacy(Privacy.Audience.NOBODY, Privacy.Audience.EVERYONE);
        Map<Long, Privacy> first = cache.privacy(List.of(1L, 2L), ids -> {
            loads.incrementAndGet();
            return Map.of(1L, nobody);
        });
        assertThat(first).containsEntry(1L, nobody).containsEntry(2L, Privacy.DEFAULT);
        assertThat(cache.privacy(List.of(2L, 1L), ids -> Map.of())).containsEntry(1L, nobody);
        assertThat(loads).hasValue(1);
        cache.privacyOf(1);
        assertThat(cache.privacy(List.of(1L, 2L), ids -> {
            assertThat(ids).containsExactly(1L); // 2 is still kept
            return Map.of();
        })).containsEntry(1L, Privacy.DEFAULT);
    }

    @Test
    void holdsAtMostMaxUsers_forgettingTheLeastRecentlyAsked() {
        for (long u = 0; u <= VisibilityCache.MAX_USERS; u++) {
            cache.separated(u, id -> load(id, Set.of()));
        }
        cache.separated(VisibilityCache.MAX_USERS, id -> load(id, Set.of()));
        assertThat(loads).hasValue(VisibilityCache.MAX_USERS + 1);
        cache.separated(0, id -> load(id, Set.of())); // the first was dropped to make room
        assertThat(loads).hasValue(VisibilityCache.MAX_USERS + 2);
    }
}
