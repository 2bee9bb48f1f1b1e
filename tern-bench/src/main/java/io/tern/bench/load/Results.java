package io.tern.bench.load;

import io.tern.bench.report.CpuUsage;
import io.tern.bench.report.DeliveryCheck;
import io.tern.bench.report.LatencySummary;
import io.tern.bench.report.LoadResult;
import io.tern.bench.report.SecondSample;
import io.tern.bench.target.ServerAdvice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns the counters and histograms of a finished load run into its {@link LoadResult}. */
final class Results {
    private Results() {
    }

    static LoadResult load(String target, String scenario, LoadMode mode, int connections, Integer members,
                           Integer senders, Counters c, Duration measured, LatencyStats latency,
                           LatencyStats memberLatency, LatencyStats accept, Long incompleteFanouts, DeliveryCheck check,
                           CpuUsage cpu,
                           double setupSeconds, double loginMillis, List<SecondSample> series, List<String> notes) {
        double seconds = measured.toNanos() / 1e9;
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(ServerAdvice.forRun(c.errors(), c.kicks()));
        if (c.syncHints.sum() > 0) {
            allNotes.add(c.syncHints.sum() + " SYNC_HINT frames received: a cluster node told those devices that a push may "
                    + "have been missed (a shipped client then SYNCs and pulls it); the bench does not SYNC, so any such "
                    + "message counts as missing in the check above");
        }
        return new LoadResult(target, scenario, mode.describe(), mode.open() ? mode.rate() : null,
                mode.open() ? null : mode.window(), connections, members, senders, c.sent.sum(), c.accepted.sum(),
                c.sendErrors.sum(), c.delivered.sum(), c.acked.sum(), c.redelivered.sum(), c.foreign.sum(),
                c.closed.sum(), c.syncHints.sum(), c.errors(), c.kicks(), seconds, round(c.sentInWindow.sum() / seconds),
                round(c.acceptedInWindow.sum() / seconds), round(c.deliveredInWindow.sum() / seconds),
                mode.latencyFrom(), LatencySummary.of(latency.total()),
                memberLatency == null ? null : LatencySummary.of(memberLatency.total()),
                LatencySummary.of(accept.total()), incompleteFanouts, check, cpu, round(setupSeconds), round(loginMillis),
                series, List.copyOf(allNotes));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
