package io.tern.bench.report;

import java.util.List;
import java.util.Map;

/**
 * The suite as one self-contained HTML page: the targets with their verdicts, every figure's median and
 * range (min–max) over the rounds with each round's value, and the runs. No script or external file.
 */
public final class SuiteHtml {
    private SuiteHtml() {
    }

    public static String render(SuiteReport r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tern-bench suite ")
                .append(esc(r.startedAt())).append("</title>");
        h.append("<style>body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}"
                + "table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;"
                + "text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}.ok{color:#1a7f37;font-weight:bold}"
                + ".bad{color:#d1242f;font-weight:bold}code{background:#f5f5f5;padding:1px 4px}.note{background:#fff8c5;"
                + "padding:6px 10px;border-left:4px solid #bf8700;white-space:pre-wrap}</style></head><body>\n");
        h.append("<h1>tern-bench suite</h1>\n<p>Started ").append(esc(r.startedAt())).append(". Result: ")
                .append(r.ok() ? "<span class=\"ok\">every run completed with a clean check</span>"
                        : "<span class=\"bad\">FAILED runs (see below)</span>").append("</p>\n");
        if (r.command() != null) {
            h.append("<p>Command: <code>").append(esc(r.command())).append("</code></p>\n");
        }
        for (String n : r.notes()) {
            h.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
        }
        h.append("<h2>Targets (on the medians)</h2>\n<table><tr><th class=\"l\">target</th><th class=\"l\">required"
                + "</th><th class=\"l\">measured</th><th>verdict</th></tr>");
        for (TargetCheck t : r.targets()) {
            String cls = t.pass() == null ? "" : t.pass() ? " ok" : " bad";
            h.append("<tr><td class=\"l\">").append(esc(t.target())).append("</td><td class=\"l\">")
                    .append(esc(t.requirement())).append("</td><td class=\"l\">").append(esc(t.measured()))
                    .append("</td><td class=\"l").append(cls).append("\">").append(esc(t.verdict())).append("</td></tr>");
        }
        h.append("</table>\n<h2>Figures: median and range over the rounds</h2>\n<table><tr><th class=\"l\">scenario"
                + "</th><th class=\"l\">target</th><th class=\"l\">metric</th><th>median</th><th>min – max</th>"
                + "<th class=\"l\">each round</th></tr>");
        for (SuiteMetric m : r.metrics()) {
            Spread s = m.spread();
            h.append("<tr><td class=\"l\">").append(esc(m.scenario())).append("</td><td class=\"l\">")
                    .append(esc(m.target())).append("</td><td class=\"l\">").append(esc(m.name()
                            + (m.unit().isEmpty() ? "" : " (" + m.unit() + ")"))).append("</td><td>")
                    .append(s == null ? "n/a" : SuiteText.number(s.median())).append("</td><td>")
                    .append(s == null ? "" : SuiteText.number(s.min()) + " – " + SuiteText.number(s.max()))
                    .append("</td><td class=\"l\">").append(esc(values(m.values()))).append("</td></tr>");
        }
        h.append("</table>\n<h2>Runs</h2>\n<table><tr><th class=\"l\">scenario</th><th class=\"l\">target</th>"
                + "<th>round</th><th>load average before</th><th class=\"l\">result</th><th class=\"l\">server log</th></tr>");
        for (SuiteRun x : r.runs()) {
            h.append("<tr><td class=\"l\">").append(esc(x.scenario())).append("</td><td class=\"l\">")
                    .append(esc(x.target())).append("</td><td>").append(x.round() == 0 ? "calibration" : x.round())
                    .append("</td><td>").append(x.loadAverageBefore()).append("</td><td class=\"l").append(x.ok() ? ""
                            : " bad").append("\">").append(esc(SuiteText.oneRun(x))).append("</td><td class=\"l\">")
                    .append(esc(x.log())).append("</td></tr>");
        }
        h.append("</table>\n<h2>Configuration</h2>\n<table>");
        for (Map.Entry<String, Object> e : r.config().entrySet()) {
            h.append("<tr><th class=\"l\">").append(esc(e.getKey())).append("</th><td class=\"l\">")
                    .append(esc(String.valueOf(e.getValue()))).append("</td></tr>");
        }
        h.append("</table>\n<p>The JSON file of the same name holds every run in full (percentile curves, per-second "
                + "series, CPU split, the loss and duplicate check).</p>\n</body></html>\n");
        return h.toString();
    }

    private static String values(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (Double v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(v == null ? "n/a" : SuiteText.number(v));
        }
        return sb.toString();
    }

    private static String esc(String s) {
        return Html.escape(s);
    }
}
