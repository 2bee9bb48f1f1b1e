package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Duration initial = Duration.ofMillis(200);
    private final Duration max = Duration.ofSeconds(10);

    @Test
    void delaysDoubleUpToTheMaximumWithinTheUpperHalfOfEachStep() {
        Backoff low = new Backoff(initial, max, () -> 0.0);
        Backoff high = new Backoff(initial, max, () -> 0.999_999);

        assertThat(low.delayMillis(0)).isEqualTo(100);
        assertThat(high.delayMillis(0)).isEqualTo(199);
        assertThat(low.delayMillis(3)).isEqualTo(800);
        assertThat(high.delayMillis(3)).isEqualTo(1599);
        assertThat(low.delayMillis(10)).isEqualTo(5_000);
        assertThat(high.delayMillis(10)).isEqualTo(9_999);
        assertThat(high.delayMillis(1_000)).isEqualTo(9_999);
    }
}
