package io.tern.bench.report;

import java.util.List;

/** One figure of one scenario and target over the suite's rounds: every value, and their median and range. */
public record SuiteMetric(String scenario, String target, String name, String unit, List<Double> values,
                          Spread spread) {
    public static SuiteMetric of(String scenario, String target, String name, String unit, List<Double> values) {
        // a round that did not produce the figure stays in the list as null, so values line up with rounds
        return new SuiteMetric(scenario, target, name, unit, java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(values)), Spread.of(values));
    }
}
