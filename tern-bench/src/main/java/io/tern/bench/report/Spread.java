package io.tern.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The median and the range (min–max) of one figure over the rounds of a suite. The median, because one
 * round disturbed by another process on a shared machine should not move the result; the range, so the
 * reader sees how much the rounds disagreed. An even count takes the mean of the two middle values.
 */
public record Spread(double median, double min, double max, int n) {
    /** Null when there are no values. */
    public static Spread of(List<Double> values) {
        List<Double> v = new ArrayList<>();
        for (Double d : values) {
            if (d != null && !d.isNaN()) {
                v.add(d);
            }
        }
        if (v.isEmpty()) {
            return null;
        }
        Collections.sort(v);
        int n = v.size();
        double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new Spread(median, v.get(0), v.get(n - 1), n);
    }

    /** Max minus min, relative to the median (0 for one value); how much the rounds disagreed. */
    public double relativeRange() {
        return median == 0 ? 0 : (max - min) / Math.abs(median);
    }
}
