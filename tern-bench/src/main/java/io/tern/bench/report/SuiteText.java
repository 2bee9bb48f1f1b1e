package io.tern.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The suite's plain summary: one line per finished run while it goes, and the tables at the end. */
public final class SuiteText {
    private SuiteText() {
    }

    /** What one run gave, in one line. */
    public static String oneRun(SuiteRun r) {
        if (r.error() != null) {
            return "FAILED: " + r.error();
        }
        if (r.connect() != null) {
            ConnectResult c = r.connect();
            return String.format(Locale.ROOT, "opened %d of %d, dropped %d, heap per connection %s%s", c.opened(),
                    c.requested(), c.closedDuringHold(), Format.bytes(c.heapPerConnectionBytes()),
                    r.ok() ? "" : " — FAILED");
        }
        LoadResult l = r.load();
        String cpu = l.cpu() == null || l.cpu().benchUsPerMessage() == null ? ""
                : ", generator " + Format.us(l.cpu().benchUsPerMessage()) + "/msg"
                + (l.cpu().serverUsPerMessage() == null ? "" : ", server " + Format.us(l.cpu().serverUsPerMessage())
                + "/msg");
        return "delivered " + Format.rate(l.deliveredPerSecond()) + ", p99 " + Format.ms(l.latency().p99Us()) + cpu
                + ", check " + (l.check().ok() ? "OK" : "FAILED") + (l.closedUnexpectedly() > 0
                ? ", " + l.closedUnexpectedly() + " connections dropped" : "");
    }

    public static String render(SuiteReport r) {
        List<String> l = new ArrayList<>();
        l.add("");
        l.add("== tern-bench suite — " + r.startedAt() + " ==");
        l.add(String.format(Locale.ROOT, "%-10s %-6s %-36s %14s %25s %s", "scenario", "target", "metric", "median",
                "min – max", "n"));
        for (SuiteMetric m : r.metrics()) {
            Spread s = m.spread();
            l.add(String.format(Locale.ROOT, "%-10s %-6s %-36s %14s %25s %d", m.scenario(), m.target(),
                    m.name() + (m.unit().isEmpty() ? "" : " (" + m.unit() + ")"), s == null ? "n/a" : number(s.median()),
                    s == null ? "" : number(s.min()) + " – " + number(s.max()), s == null ? 0 : s.n()));
        }
        l.add("");
        l.add("targets (on the medians):");
        for (TargetCheck t : r.targets()) {
            l.add(String.format(Locale.ROOT, "  %-8s %-28s %-50s %s", t.verdict(), t.target(), t.requirement(),
                    t.measured()));
        }
        long failed = r.runs().stream().filter(x -> !x.ok()).count();
        l.add(String.format(Locale.ROOT, "runs: %d, of which %d failed or found loss/duplicates/drops", r.runs().size(),
                failed));
        for (SuiteRun x : r.runs()) {
            if (!x.ok()) {
                l.add("  " + x.scenario() + " " + x.target() + " round " + x.round() + ": " + oneRun(x)
                        + (x.log() != null ? " (server log " + x.log() + ")" : ""));
            }
        }
        for (String n : r.notes()) {
            l.add("NOTE: " + n);
        }
        l.add("result: " + (r.ok() ? "OK (every run completed with a clean check; targets above)" : "FAILED (see above)"));
        return String.join(System.lineSeparator(), l) + System.lineSeparator();
    }

    /** Three significant digits at most, thousands separated. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
