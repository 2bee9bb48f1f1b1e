package io.tern.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tern.bench.target.MetricsSnapshot;
import java.util.List;
import java.util.Map;

/**
 * The connect scenario: how fast N authenticated connections opened, how many failed and why, whether
 * they all survived the hold, and the server's memory per connection (afterOpen minus before, divided by
 * the connections opened). {@code heapPerConnectionBytes} is measured as {@code heapMeasure} says (live objects
 * where the server's pid was given); {@code heapInUsePerConnectionBytes} is the /metrics reading beside it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectResult(
        int requested,
        int opened,
        int failed,
        Map<String, Integer> failures,
        boolean openFileLimitHit,
        int users,
        int devicesPerUser,
        double loginSeconds,
        double loginMillis,
        double setupSeconds,
        double connectionsPerSecond,
        double heldSeconds,
        long openAtEnd,
        long closedDuringHold,
        Map<String, Long> kicks,
        MetricsSnapshot before,
        MetricsSnapshot afterOpen,
        MetricsSnapshot atEnd,
        boolean gcForced,
        String heapMeasure,
        Double heapPerConnectionBytes,
        Double heapInUsePerConnectionBytes,
        Double rssPerConnectionBytes,
        List<SecondSample> series) {
}
