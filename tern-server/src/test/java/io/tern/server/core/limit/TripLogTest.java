package io.tern.server.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TripLogTest {
    private final FakeTicker ticker = new FakeTicker();
    private final TripLog trips = new TripLog(ticker);

    @Test
    void firstTripIsLogged_furtherTripsOfTheSameLimitWaitAMinute() {
        assertThat(trips.tripped("too many logins", "address 10.0.0.1")).isTrue();
        assertThat(trips.tripped("too many logins", "address 10.0.0.2")).isFalse();
        ticker.advance(Duration.ofSeconds(59));
        assertThat(trips.tripped("too many logins", "address 10.0.0.3")).isFalse();
        ticker.advance(Duration.ofSeconds(1));
        assertThat(trips.tripped("too many logins", "address 10.0.0.4")).isTrue();
    }

    @Test
    void eachLimitHasItsOwnQuietMinute() {
        assertThat(trips.tripped("too many logins", "address 10.0.0.1")).isTrue();
        assertThat(trips.tripped("too many user lookups", "user 7")).isTrue();
    }
}
