package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A failed push is not an outage: its recipients are remembered for a SYNC hint, and only a broken connection or
 * command makes the node recover (and wakes it as soon as Redis may answer again).
 */
class ClusterHealthTest {
    private final ClusterHealth health = new ClusterHealth();

    @Test
    void failedPush_remembersItsRecipientsOnce_withoutStartingARecovery() {
        health.pushFailed(new long[] {7, 8}, new IOException("primary died"));
        health.pushFailed(new long[] {8, 9}, new IOException("primary died"));

        assertThat(health.healthy()).isTrue();
        assertThat(health.beginRecovery()).isFalse();
        assertThat(health.takeMissedPublish()).isFalse();
        assertThat(health.takeMissedUsers()).isEmpty(); // pushes failed since the last beat: wait for them to stop
        assertThat(health.takeMissedUsers()).containsExactlyInAnyOrder(7, 8, 9);
        assertThat(health.takeMissedUsers()).isEmpty();
    }

    @Test
    void pushesThatKeepFailing_areHintedAfterAtMostTheDeferredBeats() {
        int beats = 0;
        long[] hinted = new long[0];
        while (hinted.length == 0 && beats < 100) {
            health.pushFailed(new long[] {beats}, new IOException("still failing"));
            hinted = health.takeMissedUsers();
            beats++;
        }
        assertThat(beats).isEqualTo(ClusterHealth.MAX_DEFERRED_BEATS);
        assertThat(hinted).hasSize(ClusterHealth.MAX_DEFERRED_BEATS);
    }

    @Test
    void tooManyMissedRecipients_fallBackToEveryClientSyncing() {
        long[] many = new long[ClusterHealth.MAX_MISSED_USERS + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        health.pushFailed(many, new IOException("primary died"));

        assertThat(health.takeMissedPublish()).isTrue();
        assertThat(health.healthy()).isTrue();
    }

    @Test
    void lostConnection_startsOneRecovery_andAReconnectWakesIt() {
        AtomicInteger woken = new AtomicInteger();
        health.onReachable(woken::incrementAndGet);
        health.reachable(); // nothing is wrong: no extra heartbeat
        assertThat(woken).hasValue(0);

        health.disconnected();
        long epoch = health.reachableEpoch();
        assertThat(health.healthy()).isFalse();
        assertThat(health.beginRecovery()).isTrue();
        assertThat(health.beginRecovery()).isFalse();

        health.reachable(); // while that recovery runs: it may stop waiting for a dead server and start again
        assertThat(woken).hasValue(1);
        assertThat(health.reachableEpoch()).isNotEqualTo(epoch);

        health.recovered();
        health.reachable();
        assertThat(woken).hasValue(1);
    }
}
