package io.tern.server.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The message limit's batching: this node decides at once, the shared bucket is spent afterwards. */
class SharedRateTest {
    /** Shared buckets that answer when the test says so, recording every spend. */
    private static final class HeldBuckets implements SharedBuckets {
        final List<Integer> spent = new ArrayList<>();
        final List<CompletableFuture<Long>> answers = new ArrayList<>();
        boolean available = true;

        @Override
        public long acquire(String name, String key, int perPeriod, Duration period, int burst) {
            return UNAVAILABLE;
        }

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public CompletableFuture<Long> spend(String name, String key, int perPeriod, Duration period, int burst,
                                             int tokens) {
            spent.add(tokens);
            CompletableFuture<Long> answer = new CompletableFuture<>();
            answers.add(answer);
            return answer;
        }
    }

    private final FakeTicker ticker = new FakeTicker();
    private final HeldBuckets shared = new HeldBuckets();
    private final SharedRate rate = new SharedRate("message", 1, Duration.ofSeconds(1), 100, 5, shared, ticker);

    @Test
    void spendsInBatches_withOneSpendInFlight_andTheTokensPassedMeanwhileGoInTheNext() {
        assertThat(rate.acquire("u1")).isZero();
        assertThat(shared.spent).as("the first token is spent at once").containsExactly(1);
        for (int i = 0; i < 9; i++) {
            assertThat(rate.acquire("u1")).isZero();
        }
        assertThat(shared.spent).as("one spend in flight at a time").containsExactly(1);
        shared.answers.get(0).complete(0L);
        assertThat(rate.acquire("u1")).isZero();
        assertThat(shared.spent).as("the nine passed meanwhile and this one").containsExactly(1, 10);
    }

    @Test
    void aBucketInDebt_refusesTheKeyHereUntilTheDebtIsPaid_otherKeysPass() {
        rate.acquire("u1");
        shared.answers.get(0).complete(3_000L); // other nodes spent this user's bucket: 3 s of debt
        assertThat(rate.acquire("u1")).isEqualTo(3_000);
        assertThat(rate.acquire("u2")).isZero();
        ticker.advance(Duration.ofMillis(3_000));
        assertThat(rate.acquire("u1")).isZero();
    }

    @Test
    void withoutTheSharedBuckets_theNodesOwnBucketDecides() {
        shared.available = false;
        SharedRate small = new SharedRate("message", 1, Duration.ofSeconds(1), 2, 5, shared, ticker);
        assertThat(small.acquire("u1")).isZero();
        assertThat(small.acquire("u1")).isZero();
        assertThat(small.acquire("u1")).as("own burst of 2 spent").isPositive();
        assertThat(shared.spent).isEmpty();
    }

    @Test
    void aSlowKey_isSpentOnceASecond_notOnceABatch() {
        rate.acquire("u1");
        shared.answers.get(0).complete(0L);
        rate.acquire("u1");
        assertThat(shared.spent).containsExactly(1);
        ticker.advance(Duration.ofMillis(SharedRate.SPEND_AFTER_MILLIS));
        rate.acquire("u1");
        assertThat(shared.spent).containsExactly(1, 2);
    }

    @Test
    void aFullTableOfActiveKeys_leavesANewKeyToTheLocalBucket_andMakesRoomOnceKeysGoIdle() {
        for (int i = 0; i < SharedRate.MAX_KEYS; i++) {
            rate.acquire("k" + i); // each key's first token is spent at once
        }
        assertThat(shared.spent).hasSize(SharedRate.MAX_KEYS);
        assertThat(rate.acquire("newcomer")).as("allowed by this node's own bucket").isZero();
        assertThat(shared.spent).as("no shared state for it: the table is full").hasSize(SharedRate.MAX_KEYS);

        shared.answers.forEach(a -> a.complete(0L));
        ticker.advance(Duration.ofMillis(3 * SharedRate.SPEND_AFTER_MILLIS)); // every key idle now
        rate.acquire("later");
        assertThat(shared.spent).as("room was made: the new key is counted for the cluster")
                .hasSize(SharedRate.MAX_KEYS + 1);
    }
}
