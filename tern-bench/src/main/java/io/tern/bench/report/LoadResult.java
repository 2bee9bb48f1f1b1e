package io.tern.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One load run against one target (p2p, group or baseline). Rates are over the measured window (after
 * warmup, for {@code measuredSeconds}); counters cover the whole run including warmup and drain.
 * {@code latency} is end-to-end (group: to the last member) from {@code latencyFrom}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadResult(
        String target,
        String scenario,
        String mode,
        Double targetRate,
        Integer window,
        int connections,
        Integer members,
        Integer senders,
        long sent,
        long accepted,
        long sendErrors,
        long delivered,
        long acked,
        long redelivered,
        long foreign,
        long closedUnexpectedly,
        long syncHints,
        Map<String, Long> errors,
        Map<String, Long> kicks,
        double measuredSeconds,
        double sentPerSecond,
        double acceptedPerSecond,
        double deliveredPerSecond,
        String latencyFrom,
        LatencySummary latency,
        LatencySummary memberLatency,
        LatencySummary acceptLatency,
        Long incompleteFanouts,
        DeliveryCheck check,
        CpuUsage cpu,
        double setupSeconds,
        double loginMillis,
        List<SecondSample> series,
        List<String> notes) {
}
