package io.tern.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One second of a run: rates per second over the sample's interval, errors in it, and the p99 of the
 * latencies recorded in it (microseconds; null if none). {@code phase} is warmup, measure or drain.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecondSample(double t, String phase, double sentPerSec, double acceptedPerSec, double deliveredPerSec,
                           long errors, Long p99Us, Long open) {
}
