package io.tern.server.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Token buckets measured on the ticker. */
class RateLimiterTest {
    private final FakeTicker ticker = new FakeTicker();
    private final RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), 2, ticker);

    @Test
    void burst_thenRefusedWithTheWait_thenRefilledAsTheTickerMoves() {
        assertThat(limiter.acquire("u1")).isZero();
        assertThat(limiter.acquire("u1")).isZero();
        assertThat(limiter.acquire("u1")).isEqualTo(1000);
        ticker.advance(Duration.ofMillis(400));
        assertThat(limiter.acquire("u1")).isEqualTo(600);
        ticker.advance(Duration.ofMillis(600));
        assertThat(limiter.acquire("u1")).isZero();
        assertThat(limiter.acquire("u2")).isZero(); // other keys have their own bucket
    }
}
