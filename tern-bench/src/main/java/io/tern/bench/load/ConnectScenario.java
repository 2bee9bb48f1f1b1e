package io.tern.bench.load;

import io.tern.bench.net.Connector;
import io.tern.bench.net.OpenFiles;
import io.tern.bench.net.SourceAddresses;
import io.tern.bench.net.WsClient;
import io.tern.bench.report.ConnectResult;
import io.tern.bench.target.Endpoint;
import io.tern.bench.target.MetricsSnapshot;
import io.tern.bench.target.ServerAdvice;
import io.tern.bench.target.ServerMetrics;
import io.tern.bench.target.TernTarget;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * N authenticated connections, held idle with heartbeats for a duration. The server's heap and RSS are
 * read before the connections open and after, so the difference per connection is what one idle connection
 * costs the server. With the server's pid the heap is the live objects counted after a full GC; the heap in
 * use read from /metrics right after is reported too, and is a little higher: a server that just accepted
 * 19,000 connections keeps allocating between the collection and that reading.
 */
public final class ConnectScenario {
    static final String LIVE = "live objects (jcmd GC.class_histogram, after its full GC)";
    static final String IN_USE_AFTER_GC = "heap in use (/metrics) right after jcmd GC.run";
    static final String IN_USE = "heap in use (/metrics), no GC forced: includes garbage";

    /** What to run. */
    public record Settings(int connections, int devicesPerUser, Duration hold, Long serverPid) {
    }

    private ConnectScenario() {
    }

    public static ConnectResult run(TernTarget target, Settings s, ClientSettings cs, List<String> notes,
                                    PrintStream out) throws Exception {
        int n = s.connections();
        int perUser = Math.max(1, s.devicesPerUser());
        int budget = Connector.budget();
        if (n > budget) {
            note(notes, out, "this process may open " + OpenFiles.limit() + " files (ulimit -n) and holds "
                    + OpenFiles.open() + " already: it will stop after " + budget + " of " + n + " connections");
        }
        if (out != null) {
            out.printf("tern: logging in %d devices of %d users%n", n, (n + perUser - 1) / perUser);
        }
        long loginStart = System.nanoTime();
        List<Endpoint> endpoints = target.prepare("c", n, perUser, out);
        double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
        if (target.loginMillis() > TernTarget.SLOW_LOGIN_MILLIS) {
            notes.add(P2pScenario.slowLogins(target.loginMillis()));
        }
        ServerMetrics metrics = new ServerMetrics(target.http(), s.serverPid());
        MetricsSnapshot before = metrics.read();
        if (!before.available()) {
            notes.add("server metrics n/a: " + before.note());
        }
        Counters counters = new Counters();
        List<Peer> peers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            peers.add(new Peer(counters));
        }
        Connector.Result opened;
        MetricsSnapshot afterOpen;
        MetricsSnapshot atEnd;
        ConnectProgress progress = new ConnectProgress(counters, out);
        int released = 0;
        double held;
        long closedDuringHold;
        long openAtEnd;
        try (WsClient client = new WsClient(new SourceAddresses(cs.sourceAddresses())); progress) {
            opened = Connector.open(client, endpoints.stream().map(Endpoint::wsUri).toList(), peers::get,
                    cs.connectConcurrency(), budget, null);
            if (out != null) {
                out.printf("  %d of %d connections open in %.1f s (%.0f/s), %d failed %s%n", opened.opened(), n,
                        opened.seconds(), opened.opened() / opened.seconds(), opened.failed(), opened.failures());
            }
            if (opened.openFileLimitHit()) {
                if (opened.tooManyOpenFiles()) {
                    // met, not foreseen: give back a few sockets, or the metrics and the report cannot be written
                    released = releaseNewest(peers, Connector.RESERVE);
                }
                note(notes, out, OpenFiles.advice("connect", n, opened.opened(), cs.exampleArgs()));
            }
            String refused = ServerAdvice.forConnectFailures(opened.failures());
            if (refused != null) {
                notes.add(refused);
            }
            if (opened.portsExhausted()) {
                notes.add("local ports ran out (Cannot assign requested address): use --source-addresses 4 or more");
            }
            afterOpen = metrics.read();
            long holdStart = System.nanoTime();
            long closedBefore = counters.closed.sum();
            Waits.until(holdStart + s.hold().toNanos());
            held = (System.nanoTime() - holdStart) / 1e9;
            closedDuringHold = counters.closed.sum() - closedBefore;
            openAtEnd = counters.opened.sum() - counters.closed.sum() - released;
            atEnd = metrics.read();
            peers.forEach(Peer::close);
        }
        notes.addAll(ServerAdvice.forRun(Map.of(), counters.kicks()));
        // divide by what the server counted if it reports it, else by what the bench holds open
        double heldOpen = opened.opened() - released;
        double serverDelta = before.connections() != null && afterOpen.connections() != null
                ? afterOpen.connections() - before.connections() : heldOpen;
        int divisor = (int) Math.round(serverDelta > 0 ? serverDelta : heldOpen);
        Double inUsePer = perConnection(before.heapUsedBytes(), afterOpen.heapUsedBytes(), divisor);
        Double livePer = perConnection(before.liveHeapBytes(), afterOpen.liveHeapBytes(), divisor);
        Double heapPer = livePer != null ? livePer : inUsePer;
        Double rssPer = perConnection(before.rssBytes(), afterOpen.rssBytes(), divisor);
        boolean gc = before.gcForced() && afterOpen.gcForced();
        String heapMeasure = livePer != null ? LIVE : gc ? IN_USE_AFTER_GC : IN_USE;
        if (heapPer != null && !gc) {
            notes.add("heap per connection read without a forced GC (give --server-pid so that jcmd can count the "
                    + "live heap first): it includes garbage");
        }
        return new ConnectResult(n, opened.opened(), opened.failed(), opened.failures(), opened.openFileLimitHit(),
                (n + perUser - 1) / perUser, perUser, round(loginSeconds), round(target.loginMillis()),
                round(opened.seconds()), round(opened.opened() / opened.seconds()), round(held), openAtEnd,
                closedDuringHold, counters.kicks(), before, afterOpen, atEnd, gc, heapMeasure, heapPer, inUsePer, rssPer,
                progress.samples());
    }

    private static void note(List<String> notes, PrintStream out, String note) {
        notes.add(note);
        if (out != null) {
            out.println("NOTE: " + note);
        }
    }

    private static int releaseNewest(List<Peer> peers, int count) {
        int released = 0;
        for (int i = peers.size() - 1; i >= 0 && released < count; i--) {
            if (peers.get(i).isOpen()) {
                peers.get(i).close();
                released++;
            }
        }
        return released;
    }

    private static Double perConnection(Double before, Double after, int connections) {
        if (before == null || after == null || connections <= 0) {
            return null;
        }
        return (double) Math.round((after - before) / connections);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
