package io.tern.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency measure, in microseconds with 3 significant digits. Event loops record into wait-free
 * HdrHistogram Recorders; the progress ticker takes one-second intervals of everything (the per-second
 * p99 of the chart) and folds the measured-window recorder into the run's total.
 */
public final class LatencyStats {
    /** One hour: anything slower is clamped (and is a broken run anyway). */
    static final long HIGHEST_US = 3_600_000_000L;

    private final Recorder all = new Recorder(HIGHEST_US, 3);
    private final Recorder measured = new Recorder(HIGHEST_US, 3);
    private final Histogram total = new Histogram(HIGHEST_US, 3);
    private Histogram allRecycled;
    private Histogram measuredRecycled;

    /** Records one latency; {@code inWindow} if its start time lies in the measured window. */
    public void record(long nanos, boolean inWindow) {
        long us = Math.min(HIGHEST_US, Math.max(1, nanos / 1000));
        all.recordValue(us);
        if (inWindow) {
            measured.recordValue(us);
        }
    }

    /** Everything recorded since the last call (for the per-second series); valid until the next call. */
    public synchronized Histogram interval() {
        allRecycled = all.getIntervalHistogram(allRecycled);
        return allRecycled;
    }

    /** Folds the measured recorder into the total; returns the total's p99 so far (0 if empty). */
    public synchronized long collect() {
        measuredRecycled = measured.getIntervalHistogram(measuredRecycled);
        total.add(measuredRecycled);
        return total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(99);
    }

    /** A copy of the measured total, after a final {@link #collect()}. */
    public synchronized Histogram total() {
        collect();
        return total.copy();
    }
}
