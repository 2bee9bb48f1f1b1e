package io.tern.bench.load;

import io.tern.bench.net.SourceAddresses;
import io.tern.bench.net.WsClient;
import io.tern.bench.report.CpuUsage;
import io.tern.bench.report.DeliveryCheck;
import io.tern.bench.report.LoadResult;
import io.tern.bench.report.SecondSample;
import io.tern.bench.target.Endpoint;
import io.tern.bench.target.Target;
import io.tern.bench.target.TernTarget;
import io.tern.bench.wire.ChatTemplate;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * P sender to receiver pairs, each pair its own one-to-one conversation (its own two users), against any
 * {@link Target}: the same code drives Tern and the baseline relay.
 */
public final class P2pScenario {
    /** What to run. */
    public record Settings(int pairs, LoadMode mode, Duration warmup, Duration duration, Long serverPid) {
    }

    private P2pScenario() {
    }

    public static LoadResult run(Target target, Settings s, ClientSettings cs, PrintStream out) throws Exception {
        if (s.pairs() < 1) {
            throw new IllegalArgumentException("--pairs must be at least 1");
        }
        String tag = cs.tag();
        Long serverPid = s.serverPid();
        List<String> notes = new ArrayList<>();
        long setupStart = System.nanoTime();
        if (out != null) {
            out.printf("%s: preparing %d pairs%n", target.name(), s.pairs());
        }
        List<Endpoint> senders = target.prepare("s", s.pairs(), 1, out);
        List<Endpoint> receivers = target.prepare("r", s.pairs(), 1, out);
        double loginMillis = target.loginMillis();
        if (loginMillis > TernTarget.SLOW_LOGIN_MILLIS) {
            notes.add(slowLogins(loginMillis));
        }
        Counters counters = new Counters();
        LatencyStats latency = new LatencyStats();
        LatencyStats accept = new LatencyStats();
        RunWindow window = new RunWindow();
        int n = s.pairs();
        SendLedger[] sendLedgers = new SendLedger[n];
        ReceiveLedger[] receiveLedgers = new ReceiveLedger[n];
        OrderTracker[] orders = new OrderTracker[n];
        List<Peer> peers = new ArrayList<>(2 * n);
        List<Endpoint> endpoints = new ArrayList<>(2 * n);
        for (int i = 0; i < n; i++) {
            sendLedgers[i] = new SendLedger();
            receiveLedgers[i] = new ReceiveLedger();
            orders[i] = new OrderTracker("receiver " + i);
            peers.add(new Peer(counters));
            endpoints.add(senders.get(i));
        }
        for (int i = 0; i < n; i++) {
            peers.add(new Peer(counters).pushes(new P2pReceiver(i, receiveLedgers[i], orders[i], s.mode(), window,
                    counters, latency, tag)));
            endpoints.add(receivers.get(i));
        }
        List<SecondSample> series;
        boolean drained;
        CpuUsage cpu;
        double setupSeconds;
        try (WsClient client = new WsClient(new SourceAddresses(cs.sourceAddresses()))) {
            Connections.openAll(client, endpoints, peers, cs, "p2p", out);
            setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            window.begin(s.warmup(), s.duration());
            double perSender = s.mode().open() ? s.mode().rate() / n : 0;
            List<Sender> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Sender sender = new Sender(i, peers.get(i), ChatTemplate.toUser(receivers.get(i).address()),
                        sendLedgers[i], s.mode(), perSender, window, counters, accept, tag);
                sender.start(s.mode().open() ? sender.intervalNanos() * i / n : 0);
                all.add(sender);
            }
            if (s.mode().open()) {
                Pacer.start(all, window);
            }
            ProgressTicker ticker = new ProgressTicker(target.name(), "delivered", window, counters, latency, out);
            ticker.start();
            Waits.until(window.measureFrom());
            CpuMeter cpuMeter = new CpuMeter(serverPid, target.serverInProcess(), counters.sent::sum,
                    counters.delivered::sum);
            Waits.until(window.measureTo());
            cpu = cpuMeter.stop();
            window.stop();
            drained = Waits.await(() -> counters.accepted.sum() + counters.sendErrors.sum() >= counters.sent.sum()
                    && counters.delivered.sum() >= counters.accepted.sum(), cs.drainTimeout());
            series = ticker.finish();
            Peer.flushAllAcks(peers); // ACKs still waiting (up to 200 ms) count as acked, as the server sees them
            peers.forEach(Peer::close);
        }
        // the event loops have terminated: every ledger write is visible here
        DeliveryCheck check = DeliveryCheck.empty();
        for (int i = 0; i < n; i++) {
            check = check.plus(DeliveryChecker.compare("pair " + i, sendLedgers[i], receiveLedgers[i], orders[i],
                    true));
        }
        if (!drained) {
            notes.add("drain timed out after " + cs.drainTimeout().toSeconds() + " s: " + check.unresolved()
                    + " sends unanswered, " + check.missing() + " accepted messages not received");
        }
        return Results.load(target.name(), "p2p", s.mode(), 2 * n, null, null, counters, s.duration(), latency, null,
                accept, null, check, cpu, setupSeconds, loginMillis, series, notes);
    }

    static String slowLogins(double loginMillis) {
        return String.format("logins were slow (%.0f ms each): a server that hashes with a production bcrypt cost "
                + "should be started with --set auth.bcryptCost=4 for benchmarks", loginMillis);
    }
}
