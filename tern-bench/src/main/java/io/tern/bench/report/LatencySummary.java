package io.tern.bench.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Percentiles of one latency histogram, in microseconds, and the percentile curve (HdrHistogram's
 * percentile iteration, five steps per halving of the remaining tail) that the HTML chart plots.
 */
public record LatencySummary(long count, double meanUs, long p50Us, long p90Us, long p99Us, long p999Us, long maxUs,
                             List<CurvePoint> curve) {
    /** One point of the curve: the percentile (0..100) and the latency at it. */
    public record CurvePoint(double percentile, long us) {
    }

    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, List.of());
        }
        List<CurvePoint> curve = new ArrayList<>();
        for (HistogramIterationValue v : h.percentiles(5)) {
            curve.add(new CurvePoint(v.getPercentileLevelIteratedTo(), h.highestEquivalentValue(v.getValueIteratedTo())));
            if (v.getPercentileLevelIteratedTo() >= 100.0) {
                break;
            }
        }
        return new LatencySummary(h.getTotalCount(), Math.round(h.getMean() * 10) / 10.0,
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), curve);
    }
}
