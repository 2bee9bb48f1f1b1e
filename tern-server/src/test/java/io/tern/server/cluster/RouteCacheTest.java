package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.FakeTicker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteCacheTest {
    private final FakeTicker ticker = new FakeTicker();
    private final RouteCache cache = new RouteCache(2, Duration.ofSeconds(10), ticker);

    @Test
    void anInvalidatedEntry_saysWhetherAMessageWasRoutedFromIt() {
        cache.put(1, Map.of("d1", "1"), cache.generation());
        assertThat(cache.invalidate(1)).as("never used: nobody needs to SYNC").isFalse();
        cache.put(1, Map.of("d1", "1"), cache.generation());
        assertThat(cache.get(1)).containsEntry("d1", "1");
        assertThat(cache.invalidate(1)).as("used: a push may have gone the old way").isTrue();
        assertThat(cache.get(1)).isNull();
    }

    @Test
    void aReadThatBeganBeforeAnInvalidation_isNotStored() {
        long generation = cache.generation();
        cache.invalidate(1); // the route changed while the read was on its way
        cache.put(1, Map.of("d1", "old"), generation);
        assertThat(cache.get(1)).isNull();
    }

    @Test
    void isBounded_andAgesOut() {
        cache.put(1, Map.of(), cache.generation());
        cache.put(2, Map.of(), cache.generation());
        cache.put(3, Map.of(), cache.generation());
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(1)).isNull();
        ticker.advance(Duration.ofSeconds(11));
        assertThat(cache.get(3)).isNull();
    }

    @Test
    void sizeZero_cachesNothing() {
        RouteCache off = new RouteCache(0, Duration.ofSeconds(10), ticker);
        off.put(1, Map.of("d1", "1"), off.generation());
        assertThat(off.get(1)).isNull();
    }
}
