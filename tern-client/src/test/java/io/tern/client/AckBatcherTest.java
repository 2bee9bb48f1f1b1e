package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When acknowledgements go out, with a timer the test fires by hand. */
class AckBatcherTest {
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private int cancelled;
    private int flushes;
    private final AckBatcher.Timer timer = (task, delayMillis) -> {
        scheduled.add(task);
        delays.add(delayMillis);
        return () -> cancelled++;
    };

    @Test
    void pushesWithinTheDelay_goInOneFlush_whenTheTimerFires() {
        AckBatcher acks = new AckBatcher(200, timer, () -> flushes++);
        for (int i = 0; i < 5; i++) {
            acks.pushed();
            acks.afterFrame();
        }
        assertThat(flushes).isZero();
        assertThat(scheduled).hasSize(1);
        assertThat(delays).containsExactly(200L);

        scheduled.get(0).run();
        assertThat(flushes).isEqualTo(1);

        acks.pushed();
        acks.afterFrame(); // a push after the flush starts a new wait
        assertThat(scheduled).hasSize(2);
        assertThat(flushes).isEqualTo(1);
    }

    @Test
    void maxPushesWaiting_flushesAtOnce_andCancelsTheTimer() {
        AckBatcher acks = new AckBatcher(200, timer, () -> flushes++);
        for (int i = 0; i < AckBatcher.MAX_PUSHES - 1; i++) {
            acks.pushed();
            acks.afterFrame();
        }
        assertThat(flushes).isZero();
        acks.pushed();
        acks.afterFrame();
        assertThat(flushes).isEqualTo(1);
        assertThat(cancelled).isEqualTo(1);
    }

    @Test
    void zeroDelay_acknowledgesAfterEveryFrame_withoutATimer() {
        AckBatcher acks = new AckBatcher(0, timer, () -> flushes++);
        acks.pushed();
        acks.afterFrame();
        acks.pushed();
        acks.afterFrame();
        assertThat(flushes).isEqualTo(2);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void framesThatAreNotPushes_sendWhatIsOwedAtOnce_whenNoPushWaits() {
        AckBatcher acks = new AckBatcher(200, timer, () -> flushes++);
        acks.afterFrame(); // a pulled page or a sync answer: its ack is not held back
        assertThat(flushes).isEqualTo(1);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aLostConnection_dropsTheWait() {
        AckBatcher acks = new AckBatcher(200, timer, () -> flushes++);
        acks.pushed();
        acks.afterFrame();
        acks.reset();
        assertThat(cancelled).isEqualTo(1);
        acks.afterFrame(); // nothing waits any more
        assertThat(flushes).isEqualTo(1);
        assertThat(scheduled).hasSize(1);
    }
}
