package io.tern.bench.report;

/** Tern against the baseline of the same run: delivered throughput as a percentage, and both p99s. */
public record Comparison(double ternDeliveredPerSecond, double baselineDeliveredPerSecond, double ternPercentOfBaseline,
                         long ternP99Us, long baselineP99Us) {
    public static Comparison of(LoadResult tern, LoadResult baseline) {
        double pct = baseline.deliveredPerSecond() <= 0 ? 0
                : Math.round(1000.0 * tern.deliveredPerSecond() / baseline.deliveredPerSecond()) / 10.0;
        return new Comparison(tern.deliveredPerSecond(), baseline.deliveredPerSecond(), pct, tern.latency().p99Us(),
                baseline.latency().p99Us());
    }
}
