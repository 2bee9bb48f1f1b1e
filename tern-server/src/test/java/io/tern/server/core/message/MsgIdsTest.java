package io.tern.server.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Msg ids stay unique and increasing whatever the wall clock does, across a restart too. */
class MsgIdsTest {
    private static long value(String id) {
        return Long.parseLong(id, 36);
    }

    @Test
    void continueAfter_makesEveryIdGreater_whenTheClockIsAnHourBehind() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        MsgIds previousRun = new MsgIds(clock, 3);
        String last = null;
        for (int i = 0; i < 10_000; i++) {
            last = previousRun.next();
        }
        clock.advance(Duration.ofHours(-1));
        MsgIds restarted = new MsgIds(clock, 3);
        restarted.continueAfter(last);
        Set<String> seen = new HashSet<>();
        long previous = value(last);
        for (int i = 0; i < 10_000; i++) {
            String id = restarted.next();
            assertThat(value(id)).isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            previous = value(id);
        }
    }

    @Test
    void continueAfter_anOlderId_changesNothing() {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        MsgIds ids = new MsgIds(clock, 0);
        String now = ids.next();
        MsgIds other = new MsgIds(new MutableClock(Instant.parse("2025-01-01T00:00:00Z")), 0);
        ids.continueAfter(other.next());
        assertThat(value(ids.next())).isEqualTo(value(now) + 1); // same millisecond, next counter
    }
}
