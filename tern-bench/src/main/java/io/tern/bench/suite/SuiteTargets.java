package io.tern.bench.suite;

import io.tern.bench.report.Spread;
import io.tern.bench.report.SuiteMetric;
import io.tern.bench.report.SuiteRun;
import io.tern.bench.report.TargetCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targets of issue 12, judged on the suite's medians (a target needs its scenario to have run; else
 * "not run"). They live here, in the benchmark, and never as timed assertions in tests.
 */
public final class SuiteTargets {
    static final double P2P_SHARE = 0.60;
    static final double OPEN_P99_MS = 10;
    static final double OPEN_P99_VS_RELAY = 2;
    static final double GROUP_RATE_P99_MS = 20;
    static final double GROUP_MAX_DELIVERIES = 600_000;
    static final double HEAP_KIB = 3;

    private SuiteTargets() {
    }

    public static List<TargetCheck> judge(List<SuiteMetric> metrics, List<SuiteRun> runs) {
        List<TargetCheck> out = new ArrayList<>();
        Spread ternMax = median(metrics, SuiteScenario.P2P_MAX, "tern", SuiteFigures.DELIVERED);
        Spread relayMax = median(metrics, SuiteScenario.P2P_MAX, "relay", SuiteFigures.DELIVERED);
        if (ternMax == null || relayMax == null || relayMax.median() <= 0) {
            out.add(notRun("p2p closed loop vs relay", "Tern ≥ 60% of the relay's delivered/s"));
        } else {
            double share = ternMax.median() / relayMax.median();
            out.add(new TargetCheck("p2p closed loop vs relay", "Tern ≥ 60% of the relay's delivered/s",
                    f("%.1f%% (%,.0f/s vs %,.0f/s)", share * 100, ternMax.median(), relayMax.median()),
                    share >= P2P_SHARE));
        }
        Spread ternOpen = median(metrics, SuiteScenario.P2P_OPEN, "tern", SuiteFigures.P99);
        Spread relayOpen = median(metrics, SuiteScenario.P2P_OPEN, "relay", SuiteFigures.P99);
        out.add(ternOpen == null ? notRun("p2p open loop p99", "Tern p99 ≤ 10 ms")
                : new TargetCheck("p2p open loop p99", "Tern p99 ≤ 10 ms", f("%.3f ms", ternOpen.median()),
                ternOpen.median() <= OPEN_P99_MS));
        out.add(ternOpen == null || relayOpen == null ? notRun("p2p open loop p99 vs relay", "Tern p99 ≤ 2x the relay's")
                : new TargetCheck("p2p open loop p99 vs relay", "Tern p99 ≤ 2x the relay's", f("%.3f ms vs %.3f ms "
                + "(%.2fx)", ternOpen.median(), relayOpen.median(), relayOpen.median() <= 0 ? Double.NaN
                : ternOpen.median() / relayOpen.median()), ternOpen.median() <= OPEN_P99_VS_RELAY * relayOpen.median()));
        Spread groupRate = median(metrics, SuiteScenario.GROUP_RATE, "tern", SuiteFigures.LAST_P99);
        out.add(groupRate == null ? notRun("group at a fixed rate", "p99 to the last member ≤ 20 ms")
                : new TargetCheck("group at a fixed rate", "p99 to the last member ≤ 20 ms",
                f("%.3f ms", groupRate.median()), groupRate.median() <= GROUP_RATE_P99_MS));
        Spread groupMax = median(metrics, SuiteScenario.GROUP_MAX, "tern", SuiteFigures.DELIVERED);
        out.add(groupMax == null ? notRun("group at maximum", "≥ 600,000 deliveries/s")
                : new TargetCheck("group at maximum", "≥ 600,000 deliveries/s", f("%,.0f/s", groupMax.median()),
                groupMax.median() >= GROUP_MAX_DELIVERIES));
        Spread heap = median(metrics, SuiteScenario.CONNECT, "tern", SuiteFigures.HEAP);
        out.add(heap == null ? notRun("connect", "≤ 3 KiB server heap per connection")
                : new TargetCheck("connect", "≤ 3 KiB server heap per connection", f("%.2f KiB", heap.median()),
                heap.median() <= HEAP_KIB));
        out.add(delivery(runs));
        return out;
    }

    /** Every load run: 0 missing, duplicate or out of order (not a median: every single run). */
    static TargetCheck delivery(List<SuiteRun> runs) {
        long loadRuns = 0;
        long bad = 0;
        long badRuns = 0;
        for (SuiteRun r : runs) {
            if (r.load() == null) {
                continue;
            }
            loadRuns++;
            long b = r.load().check().missing() + r.load().check().duplicates() + r.load().check().outOfOrder();
            bad += b;
            badRuns += b > 0 ? 1 : 0;
        }
        String req = "0 missing / duplicate / out of order in every run";
        return loadRuns == 0 ? notRun("delivery", req)
                : new TargetCheck("delivery", req, bad == 0 ? f("0 in all %d runs", loadRuns)
                : f("%d in %d of %d runs", bad, badRuns, loadRuns), bad == 0);
    }

    static Spread median(List<SuiteMetric> metrics, SuiteScenario sc, String target, String name) {
        for (SuiteMetric m : metrics) {
            if (m.scenario().equals(sc.id) && m.target().equals(target) && m.name().equals(name)) {
                return m.spread();
            }
        }
        return null;
    }

    private static TargetCheck notRun(String target, String requirement) {
        return new TargetCheck(target, requirement, "not measured", null);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
