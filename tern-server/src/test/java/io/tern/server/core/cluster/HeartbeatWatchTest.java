package io.tern.server.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.FakeTicker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatWatchTest {
    private final FakeTicker ticker = new FakeTicker();
    private final HeartbeatWatch watch = new HeartbeatWatch(0, ticker, Duration.ofSeconds(2));

    @Test
    void aNodeWhoseEntryStopsChanging_goesStaleAfterTheLimit_andFreshAgainWhenItBeats() {
        NodeInfo beat1 = new NodeInfo(1, "ws://n1/ws", 0, 1000);
        watch.observe(List.of(beat1));
        assertThat(watch.fresh(beat1)).isTrue();
        ticker.advance(Duration.ofMillis(1900));
        watch.observe(List.of(beat1));
        assertThat(watch.fresh(beat1)).as("unchanged, but within the limit").isTrue();
        ticker.advance(Duration.ofMillis(200));
        watch.observe(List.of(beat1));
        assertThat(watch.fresh(beat1)).isFalse();

        NodeInfo beat2 = new NodeInfo(1, "ws://n1/ws", 0, 5000); // its clock may be anywhere: only change counts
        watch.observe(List.of(beat2));
        assertThat(watch.fresh(beat2)).isTrue();
    }

    @Test
    void thisNodeIsNeverStale_andANodeNeverObservedIsNotFresh() {
        NodeInfo self = new NodeInfo(0, "ws://me/ws", 0, 1);
        watch.observe(List.of(self));
        ticker.advance(Duration.ofMinutes(1));
        assertThat(watch.fresh(self)).isTrue();
        assertThat(watch.fresh(new NodeInfo(7, "ws://n7/ws", 0, 1))).isFalse();
    }

    @Test
    void aNodeThatLeftTheList_isForgotten() {
        NodeInfo n = new NodeInfo(3, "ws://n3/ws", 0, 1);
        watch.observe(List.of(n));
        watch.observe(List.of());
        assertThat(watch.fresh(n)).isFalse();
    }

    @Test
    void aNodeAClientCouldNotReach_getsNoLoginsUntilItsNextHeartbeat() {
        NodeInfo beat1 = new NodeInfo(1, "ws://n1/ws", 0, 1000);
        watch.observe(List.of(beat1));
        watch.suspect(beat1);
        assertThat(watch.fresh(beat1)).as("well within staleAfter, but reported unreachable").isFalse();
        watch.observe(List.of(beat1));
        assertThat(watch.fresh(beat1)).as("still the same heartbeat").isFalse();

        NodeInfo beat2 = new NodeInfo(1, "ws://n1/ws", 0, 1500); // it beats: it was alive after all
        watch.observe(List.of(beat2));
        assertThat(watch.fresh(beat2)).isTrue();
    }

    @Test
    void thisNodeCannotBeSuspected_andTheAgeOfAHeartbeatIsOnTheTicker() {
        NodeInfo self = new NodeInfo(0, "ws://me/ws", 0, 1);
        NodeInfo other = new NodeInfo(2, "ws://n2/ws", 0, 1);
        watch.observe(List.of(self, other));
        watch.suspect(self);
        ticker.advance(Duration.ofMillis(700));
        assertThat(watch.fresh(self)).isTrue();
        assertThat(watch.ageMillis(other)).isEqualTo(700);
        assertThat(watch.ageMillis(self)).isZero();
        assertThat(watch.ageMillis(new NodeInfo(5, "ws://n5/ws", 0, 1))).isEqualTo(-1);
    }
}
