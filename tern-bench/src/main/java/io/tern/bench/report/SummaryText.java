package io.tern.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The plain summary printed at the end of a run. */
public final class SummaryText {
    private SummaryText() {
    }

    public static String render(BenchReport r) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("== tern-bench " + r.scenario() + " — " + r.startedAt() + " ==");
        if (r.runs() != null) {
            for (LoadResult run : r.runs()) {
                lines.addAll(load(run));
            }
        }
        if (r.comparison() != null) {
            Comparison c = r.comparison();
            lines.add(String.format(Locale.ROOT, "Tern vs baseline: %s of %s delivered = %.1f%% of the baseline; "
                    + "p99 %s vs %s", Format.rate(c.ternDeliveredPerSecond()), Format.rate(c.baselineDeliveredPerSecond()),
                    c.ternPercentOfBaseline(), Format.ms(c.ternP99Us()), Format.ms(c.baselineP99Us())));
        }
        if (r.connect() != null) {
            lines.addAll(connect(r.connect()));
        }
        if (r.notes() != null) {
            for (String n : r.notes()) {
                lines.add("NOTE: " + n);
            }
        }
        lines.add("result: " + (r.ok() ? "OK" : "FAILED (see above)"));
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private static List<String> load(LoadResult run) {
        List<String> l = new ArrayList<>();
        String mode = "open".equals(run.mode()) ? "open loop at " + Format.rate(run.targetRate())
                : "closed loop, window " + run.window() + " per sender";
        l.add("-- " + run.target() + " " + run.scenario() + ": " + mode + ", " + run.connections() + " connections"
                + (run.members() != null ? ", " + run.members() + " members, " + run.senders() + " senders" : "")
                + ", measured " + run.measuredSeconds() + " s");
        l.add("   sent " + Format.count(run.sent()) + "  accepted " + Format.count(run.accepted()) + "  refused "
                + Format.count(run.sendErrors()) + "  delivered " + Format.count(run.delivered()) + "  acked "
                + Format.count(run.acked()));
        l.add("   throughput: sent " + Format.rate(run.sentPerSecond()) + ", accepted " + Format.rate(run.acceptedPerSecond())
                + ", delivered " + Format.rate(run.deliveredPerSecond()) + ("group".equals(run.scenario())
                ? " (deliveries to members)" : ""));
        l.add("   latency" + ("group".equals(run.scenario()) ? " to the last member" : "") + " (from "
                + run.latencyFrom() + "): " + percentiles(run.latency()));
        if (run.memberLatency() != null) {
            l.add("   latency to each member: " + percentiles(run.memberLatency()));
        }
        l.add("   accept latency (CHAT to CHAT_RESP): " + percentiles(run.acceptLatency()));
        l.add("   errors: " + Format.map(run.errors()) + "  kicks: " + Format.map(run.kicks()) + "  dropped connections: "
                + run.closedUnexpectedly() + (run.syncHints() > 0 ? "  sync hints: " + run.syncHints() : ""));
        if (run.cpu() != null) {
            l.add("   " + cpu(run.cpu()));
        }
        DeliveryCheck c = run.check();
        l.add("   loss/duplicate check: " + (c.ok() ? "OK" : "FAILED") + " — expected " + Format.count(c.expected())
                + ", missing " + c.missing() + ", duplicates " + c.duplicates() + ", out of order " + c.outOfOrder()
                + ", seq mismatch " + c.seqMismatch() + ", delivered after error " + c.deliveredAfterError()
                + " (re-pushed by server retry: " + c.redelivered() + ", unanswered sends: " + c.unresolved() + ")");
        for (String e : c.examples()) {
            l.add("     e.g. " + e);
        }
        if (run.incompleteFanouts() != null && run.incompleteFanouts() > 0) {
            l.add("   messages that did not reach every member: " + run.incompleteFanouts());
        }
        for (String n : run.notes()) {
            l.add("   NOTE: " + n);
        }
        return l;
    }

    static String cpu(CpuUsage u) {
        String rest = u.server() != null
                ? String.format(Locale.ROOT, ", server %.2f, other processes %.2f", u.server(), u.other())
                : u.other() != null ? String.format(Locale.ROOT, " (relay included), other processes %.2f", u.other())
                : " (server not known: give --server-pid)";
        return String.format(Locale.ROOT, "CPU in the window (cores of %d): machine %.2f, bench %.2f%s", u.cores(),
                u.machineBusy(), u.bench(), rest) + perMessage(u);
    }

    /** The generator's own CPU per message sent (and per delivery, where one message has many), and the server's. */
    static String perMessage(CpuUsage u) {
        if (u.benchUsPerMessage() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; generator ").append(Format.us(u.benchUsPerMessage()))
                .append(" CPU per message sent");
        if (u.benchUsPerDelivery() != null && u.deliveries() > u.messagesSent() * 2) {
            sb.append(" (").append(Format.us(u.benchUsPerDelivery())).append(" per delivery)");
        }
        if (u.serverUsPerMessage() != null) {
            sb.append(", server ").append(Format.us(u.serverUsPerMessage())).append(" per message");
        }
        return sb.toString();
    }

    static String percentiles(LatencySummary s) {
        if (s == null || s.count() == 0) {
            return "no samples";
        }
        return "p50 " + Format.ms(s.p50Us()) + "  p99 " + Format.ms(s.p99Us()) + "  p99.9 " + Format.ms(s.p999Us())
                + "  max " + Format.ms(s.maxUs()) + "  (" + Format.count(s.count()) + " samples)";
    }

    private static List<String> connect(ConnectResult c) {
        List<String> l = new ArrayList<>();
        l.add("-- connect: " + c.opened() + " of " + c.requested() + " connections opened (" + c.users() + " users x "
                + c.devicesPerUser() + " devices), " + c.failed() + " failed " + Format.map(c.failures()));
        l.add(String.format(Locale.ROOT, "   logins %.1f s (%.1f ms each); connections opened in %.1f s = %,.0f "
                + "connections/s", c.loginSeconds(), c.loginMillis(), c.setupSeconds(), c.connectionsPerSecond()));
        l.add(String.format(Locale.ROOT, "   held %.1f s: %d still open at the end, %d dropped, kicks %s", c.heldSeconds(),
                c.openAtEnd(), c.closedDuringHold(), Format.map(c.kicks())));
        l.add("   server heap: " + Format.bytes(c.before().heapUsedBytes()) + " before, "
                + Format.bytes(c.afterOpen().heapUsedBytes()) + " with the connections open = "
                + Format.bytes(c.heapInUsePerConnectionBytes()) + " per connection (GC forced: " + c.gcForced() + ")");
        l.add("   heap per connection: " + Format.bytes(c.heapPerConnectionBytes()) + " (" + c.heapMeasure() + ")");
        l.add("   server RSS: " + Format.bytes(c.before().rssBytes()) + " before, " + Format.bytes(c.afterOpen().rssBytes())
                + " after = " + Format.bytes(c.rssPerConnectionBytes()) + " per connection"
                + (c.afterOpen().rssSource() != null ? " (from " + c.afterOpen().rssSource() + ")" : ""));
        l.add("   server tern_connections: " + value(c.before().connections()) + " before, "
                + value(c.afterOpen().connections()) + " after opening, " + value(c.atEnd().connections()) + " at the end");
        if (c.openFileLimitHit()) {
            l.add("   OPEN-FILE LIMIT HIT (ulimit -n): see the note below for running several bench processes");
        }
        return l;
    }

    private static String value(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
    }
}
