package io.tern.server.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.server.support.FakeTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartWaitTest {
    private final FakeTicker ticker = new FakeTicker();
    private final List<Duration> pauses = new ArrayList<>();
    private final StartWait wait = new StartWait(ticker, d -> {
        pauses.add(d);
        ticker.advance(d);
    });

    @Test
    void retriesWithDoublingPausesCappedAtFiveSeconds_untilTheServiceAnswers() {
        AtomicInteger calls = new AtomicInteger();
        String result = wait.until("db", Duration.ofMinutes(2), e -> true, () -> {
            if (calls.incrementAndGet() < 9) {
                throw new IOException("connection refused");
            }
            return "up";
        });
        assertThat(result).isEqualTo("up");
        assertThat(pauses).extracting(Duration::toMillis)
                .containsExactly(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L);
    }

    @Test
    void givesUpWithTheLastFailure_onceTheLimitHasPassed_andNeverPausesBeyondIt() {
        assertThatThrownBy(() -> wait.until("db", Duration.ofSeconds(3), e -> true, () -> {
            throw new IOException("connection refused");
        })).hasMessageContaining("connection refused");
        assertThat(pauses).extracting(Duration::toMillis).containsExactly(250L, 500L, 1000L, 1250L);
    }

    @Test
    void aFailureWaitingCannotCure_endsAtOnce() {
        assertThatThrownBy(() -> wait.until("db", Duration.ofMinutes(2), e -> !(e instanceof IllegalArgumentException),
                () -> {
                    throw new IllegalArgumentException("password authentication failed");
                })).isInstanceOf(IllegalArgumentException.class);
        assertThat(pauses).isEmpty();
    }
}
