package io.tern.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: tables of the figures and inline SVG charts (latency by
 * percentile, throughput and p99 per second) for Tern and, if it ran, the baseline. No external script,
 * stylesheet or font, so it reads the same offline and attached to an issue.
 */
public final class HtmlReport {
    private static final String[] COLORS = {"#1f6feb", "#d1242f", "#1a7f37", "#8250df", "#bf8700"};

    private HtmlReport() {
    }

    public static String render(BenchReport r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.append("<title>tern-bench ").append(esc(r.scenario())).append(" ").append(esc(r.startedAt())).append("</title>");
        h.append("<style>body{font-family:sans-serif;margin:24px;color:#222;max-width:900px}"
                + "table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;"
                + "text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}.ok{color:#1a7f37;font-weight:bold}"
                + ".bad{color:#d1242f;font-weight:bold}code{background:#f5f5f5;padding:1px 4px}.note{background:#fff8c5;"
                + "padding:6px 10px;border-left:4px solid #bf8700;white-space:pre-wrap}</style></head><body>\n");
        h.append("<h1>tern-bench: ").append(esc(r.scenario())).append("</h1>\n");
        h.append("<p>Started ").append(esc(r.startedAt())).append(". Result: ")
                .append(r.ok() ? "<span class=\"ok\">OK</span>" : "<span class=\"bad\">FAILED</span>").append("</p>\n");
        if (r.command() != null) {
            h.append("<p>Command: <code>").append(esc(r.command())).append("</code></p>\n");
        }
        if (r.notes() != null) {
            for (String n : r.notes()) {
                h.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
            }
        }
        if (r.runs() != null && !r.runs().isEmpty()) {
            loadSection(h, r);
        }
        if (r.connect() != null) {
            connectSection(h, r.connect());
        }
        h.append("<h2>Configuration</h2>\n<table>");
        for (Map.Entry<String, Object> e : r.config().entrySet()) {
            h.append("<tr><th class=\"l\">").append(esc(e.getKey())).append("</th><td class=\"l\">")
                    .append(esc(String.valueOf(e.getValue()))).append("</td></tr>");
        }
        h.append("</table>\n<p>The JSON file of the same name holds every figure, the percentile curves and the "
                + "per-second series.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void loadSection(StringBuilder h, BenchReport r) {
        List<LoadResult> runs = r.runs();
        if (r.comparison() != null) {
            Comparison c = r.comparison();
            h.append(String.format(Locale.ROOT, "<p><b>Tern delivered %s, the bare relay %s: Tern is %.1f%% of this "
                    + "machine's baseline in the same run.</b> p99 %s against %s.</p>\n",
                    Format.rate(c.ternDeliveredPerSecond()), Format.rate(c.baselineDeliveredPerSecond()),
                    c.ternPercentOfBaseline(), Format.ms(c.ternP99Us()), Format.ms(c.baselineP99Us())));
        }
        h.append("<h2>Figures</h2>\n<table><tr><th class=\"l\"></th>");
        for (LoadResult run : runs) {
            h.append("<th>").append(esc(run.target())).append("</th>");
        }
        h.append("</tr>");
        row(h, runs, "mode", x -> x.mode() + ("open".equals(x.mode()) ? " at " + Format.rate(x.targetRate())
                : ", window " + x.window()));
        row(h, runs, "connections", x -> String.valueOf(x.connections()));
        if (runs.get(0).members() != null) {
            row(h, runs, "members / senders", x -> x.members() + " / " + x.senders());
        }
        row(h, runs, "measured seconds", x -> String.valueOf(x.measuredSeconds()));
        row(h, runs, "sent", x -> Format.count(x.sent()));
        row(h, runs, "accepted (CHAT_RESP)", x -> Format.count(x.accepted()));
        row(h, runs, "refused (ERROR)", x -> Format.count(x.sendErrors()));
        row(h, runs, "delivered", x -> Format.count(x.delivered()));
        row(h, runs, "acked", x -> Format.count(x.acked()));
        row(h, runs, "sent/s", x -> Format.rate(x.sentPerSecond()));
        row(h, runs, "accepted/s", x -> Format.rate(x.acceptedPerSecond()));
        row(h, runs, "delivered/s", x -> Format.rate(x.deliveredPerSecond()));
        String which = "group".equals(runs.get(0).scenario()) ? "latency to last member " : "latency ";
        row(h, runs, which + "p50", x -> Format.ms(x.latency().p50Us()));
        row(h, runs, which + "p99", x -> Format.ms(x.latency().p99Us()));
        row(h, runs, which + "p99.9", x -> Format.ms(x.latency().p999Us()));
        row(h, runs, which + "max", x -> Format.ms(x.latency().maxUs()));
        row(h, runs, "latency measured from", LoadResult::latencyFrom);
        if (runs.get(0).memberLatency() != null) {
            row(h, runs, "latency to each member p99", x -> Format.ms(x.memberLatency().p99Us()));
        }
        row(h, runs, "accept latency p50 / p99", x -> Format.ms(x.acceptLatency().p50Us()) + " / "
                + Format.ms(x.acceptLatency().p99Us()));
        row(h, runs, "errors", x -> Format.map(x.errors()));
        row(h, runs, "kicks", x -> Format.map(x.kicks()));
        row(h, runs, "dropped connections", x -> String.valueOf(x.closedUnexpectedly()));
        row(h, runs, "SYNC_HINTs received", x -> String.valueOf(x.syncHints()));
        row(h, runs, "loss/duplicate check", x -> x.check().ok() ? "OK" : "FAILED");
        row(h, runs, "missing / duplicates / out of order", x -> x.check().missing() + " / " + x.check().duplicates()
                + " / " + x.check().outOfOrder());
        row(h, runs, "seq mismatch / delivered after error", x -> x.check().seqMismatch() + " / "
                + x.check().deliveredAfterError());
        row(h, runs, "re-pushed (server retry) / unanswered", x -> x.check().redelivered() + " / " + x.check().unresolved());
        row(h, runs, "CPU cores: machine / bench / server / other", x -> x.cpu() == null ? "n/a"
                : x.cpu().machineBusy() + " / " + x.cpu().bench() + " / "
                + (x.cpu().server() == null ? (x.cpu().other() == null ? "n/a" : "in bench") : x.cpu().server()) + " / "
                + (x.cpu().other() == null ? "n/a" : x.cpu().other()));
        row(h, runs, "generator CPU per message sent", x -> x.cpu() == null || x.cpu().benchUsPerMessage() == null
                ? "n/a" : Format.us(x.cpu().benchUsPerMessage()));
        if (runs.get(0).members() != null) {
            row(h, runs, "generator CPU per delivery", x -> x.cpu() == null || x.cpu().benchUsPerDelivery() == null
                    ? "n/a" : Format.us(x.cpu().benchUsPerDelivery()));
        }
        row(h, runs, "server CPU per message sent", x -> x.cpu() == null || x.cpu().serverUsPerMessage() == null
                ? "n/a" : Format.us(x.cpu().serverUsPerMessage()));
        row(h, runs, "setup seconds / login ms", x -> x.setupSeconds() + " / " + x.loginMillis());
        h.append("</table>\n");
        for (LoadResult run : runs) {
            for (String e : run.check().examples()) {
                h.append("<p class=\"note\">").append(esc(run.target())).append(" check: ").append(esc(e)).append("</p>\n");
            }
            for (String n : run.notes()) {
                h.append("<p class=\"note\">").append(esc(run.target())).append(": ").append(esc(n)).append("</p>\n");
            }
        }
        List<SvgCharts.Series> curves = new ArrayList<>();
        List<SvgCharts.Series> rates = new ArrayList<>();
        List<SvgCharts.Series> p99s = new ArrayList<>();
        int color = 0;
        for (LoadResult run : runs) {
            List<double[]> curve = run.latency().curve().stream().map(p -> new double[] {p.percentile(), p.us() / 1000.0})
                    .toList();
            curves.add(new SvgCharts.Series(run.target(), COLORS[color % COLORS.length], curve));
            if (run.memberLatency() != null) {
                color++;
                curves.add(new SvgCharts.Series(run.target() + " (each member)", COLORS[color % COLORS.length],
                        run.memberLatency().curve().stream().map(p -> new double[] {p.percentile(), p.us() / 1000.0})
                                .toList()));
            }
            rates.add(new SvgCharts.Series(run.target() + " delivered/s", COLORS[color % COLORS.length],
                    run.series().stream().map(s -> new double[] {s.t(), s.deliveredPerSec()}).toList()));
            p99s.add(new SvgCharts.Series(run.target() + " p99", COLORS[color % COLORS.length],
                    run.series().stream().filter(s -> s.p99Us() != null).map(s -> new double[] {s.t(), s.p99Us() / 1000.0})
                            .toList()));
            color++;
        }
        double[] window = measuredWindow(runs.get(0));
        h.append("<h2>Latency by percentile</h2>\n").append(SvgCharts.percentiles(
                which.trim() + " (measured window)", curves));
        h.append("<h2>Throughput over time</h2>\n").append(SvgCharts.overTime("delivered messages per second",
                "msgs/s", rates, window[0], window[1]));
        h.append(SvgCharts.overTime("p99 latency of each second", "ms", p99s, window[0], window[1]));
    }

    private static double[] measuredWindow(LoadResult run) {
        double from = -1;
        double to = -1;
        double prev = 0;
        for (SecondSample s : run.series()) {
            if ("measure".equals(s.phase())) {
                if (from < 0) {
                    from = prev;
                }
                to = s.t();
            }
            prev = s.t();
        }
        return new double[] {from, to};
    }

    private static void connectSection(StringBuilder h, ConnectResult c) {
        h.append("<h2>Connections</h2>\n<table>");
        kv(h, "requested / opened / failed", c.requested() + " / " + c.opened() + " / " + c.failed());
        kv(h, "failures", Format.map(c.failures()));
        kv(h, "users x devices", c.users() + " x " + c.devicesPerUser());
        kv(h, "logins", String.format(Locale.ROOT, "%.1f s (%.1f ms each)", c.loginSeconds(), c.loginMillis()));
        kv(h, "opened in", String.format(Locale.ROOT, "%.1f s = %,.0f connections/s", c.setupSeconds(),
                c.connectionsPerSecond()));
        kv(h, "held", String.format(Locale.ROOT, "%.1f s; %d open at the end, %d dropped", c.heldSeconds(), c.openAtEnd(),
                c.closedDuringHold()));
        kv(h, "kicks", Format.map(c.kicks()));
        kv(h, "open-file limit hit", String.valueOf(c.openFileLimitHit()));
        kv(h, "server heap before / after opening", Format.bytes(c.before().heapUsedBytes()) + " / "
                + Format.bytes(c.afterOpen().heapUsedBytes()));
        kv(h, "live heap before / after opening", Format.bytes(c.before().liveHeapBytes()) + " / "
                + Format.bytes(c.afterOpen().liveHeapBytes()));
        kv(h, "heap per connection", Format.bytes(c.heapPerConnectionBytes()) + " (" + c.heapMeasure() + ")");
        kv(h, "heap in use per connection", Format.bytes(c.heapInUsePerConnectionBytes()) + " (/metrics, "
                + (c.gcForced() ? "after a forced full GC)" : "no GC forced: includes garbage)"));
        kv(h, "server RSS before / after opening", Format.bytes(c.before().rssBytes()) + " / "
                + Format.bytes(c.afterOpen().rssBytes()));
        kv(h, "RSS per connection", Format.bytes(c.rssPerConnectionBytes()));
        kv(h, "tern_connections before / after / end", v(c.before().connections()) + " / "
                + v(c.afterOpen().connections()) + " / " + v(c.atEnd().connections()));
        h.append("</table>\n");
        h.append(SvgCharts.overTime("open connections", "connections", List.of(new SvgCharts.Series("open",
                COLORS[0], c.series().stream().map(s -> new double[] {s.t(), s.open() == null ? 0 : s.open()}).toList())),
                0, 0));
    }

    private static String v(Double d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%.0f", d);
    }

    private static void kv(StringBuilder h, String k, String v) {
        h.append("<tr><th class=\"l\">").append(esc(k)).append("</th><td class=\"l\">").append(esc(v)).append("</td></tr>");
    }

    private static void row(StringBuilder h, List<LoadResult> runs, String label,
                            java.util.function.Function<LoadResult, String> value) {
        h.append("<tr><th class=\"l\">").append(esc(label)).append("</th>");
        for (LoadResult run : runs) {
            h.append("<td>").append(esc(value.apply(run))).append("</td>");
        }
        h.append("</tr>");
    }

    private static String esc(String s) {
        return Html.escape(s);
    }
}
