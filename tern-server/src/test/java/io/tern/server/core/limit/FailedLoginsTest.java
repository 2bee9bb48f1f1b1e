package io.tern.server.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {
    private static final Duration MAX = Duration.ofMinutes(15);

    /** The cluster's counters as a port: answers what it is given and records every call. */
    private static final class Recorded implements SharedBackoff {
        final List<List<Counter>> waitCalls = new ArrayList<>();
        final List<List<Counter>> failedCalls = new ArrayList<>();
        long[] answer;

        @Override
        public long[] waitMillis(List<Counter> counters) {
            waitCalls.add(counters);
            return answer;
        }

        @Override
        public long[] failed(List<Counter> counters, Duration maxDelay) {
            failedCalls.add(counters);
            return answer;
        }

        @Override
        public void succeeded(Counter counter) {
        }
    }

    private final FakeTicker ticker = new FakeTicker();
    private final Recorded shared = new Recorded();
    private final FailedLogins logins = new FailedLogins(2, MAX, ticker, shared);

    @Test
    void anAttempt_asksTheSharedCountersOnce_andAFailureCountsThemOnce_allThreeTogether() {
        shared.answer = new long[] {0, 0, 0};
        logins.waits("alice", "10.0.0.1");
        logins.failed("alice", "10.0.0.1");
        assertThat(shared.waitCalls).hasSize(1);
        assertThat(shared.failedCalls).hasSize(1);
        assertThat(shared.waitCalls.get(0)).extracting(SharedBackoff.Counter::name).containsExactly("ua", "a", "u");
        assertThat(shared.failedCalls.get(0)).extracting(SharedBackoff.Counter::freeFailures).containsExactly(2, 8, 8);
        assertThat(shared.failedCalls.get(0)).extracting(SharedBackoff.Counter::key)
                .containsExactly("alice@10.0.0.1", "10.0.0.1", "alice");
    }

    @Test
    void sharedWaits_decide_whileTheyAnswer() {
        shared.answer = new long[] {0, 4_000, 250};
        assertThat(logins.waits("alice", "10.0.0.1")).isEqualTo(new FailedLogins.Waits(0, 4_000, 250));
    }

    @Test
    void withoutAnAnswer_theNodesOwnCountersDecide() {
        shared.answer = null;
        for (int i = 0; i < 3; i++) {
            logins.failed("alice", "10.0.0.1");
        }
        assertThat(logins.waits("alice", "10.0.0.1").userAtAddress()).isEqualTo(1_000);
        assertThat(logins.waits("alice", "10.0.0.2").userAtAddress()).as("another address").isZero();
        ticker.advance(Duration.ofSeconds(1));
        assertThat(logins.waits("alice", "10.0.0.1").userAtAddress()).isZero();
    }

    @Test
    void off_asksNothing() {
        FailedLogins off = new FailedLogins(0, MAX, ticker, shared);
        off.failed("alice", "10.0.0.1");
        assertThat(off.waits("alice", "10.0.0.1")).isEqualTo(new FailedLogins.Waits(0, 0, 0));
        assertThat(shared.waitCalls).isEmpty();
        assertThat(shared.failedCalls).isEmpty();
    }
}
