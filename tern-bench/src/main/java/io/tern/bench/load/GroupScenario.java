package io.tern.bench.load;

import io.tern.bench.net.SourceAddresses;
import io.tern.bench.net.WsClient;
import io.tern.bench.report.CpuUsage;
import io.tern.bench.report.DeliveryCheck;
import io.tern.bench.report.LoadResult;
import io.tern.bench.report.SecondSample;
import io.tern.bench.target.Endpoint;
import io.tern.bench.target.SetupFailure;
import io.tern.bench.target.TernTarget;
import io.tern.bench.wire.ChatTemplate;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One group of M members, all online, created by the first member; the first K members send to it.
 * Every message owes a delivery to the M - 1 other members; the main latency is to the last of them.
 */
public final class GroupScenario {
    /** What to run. */
    public record Settings(int members, int senders, LoadMode mode, Duration warmup, Duration duration,
                           Long serverPid) {
    }

    private GroupScenario() {
    }

    public static LoadResult run(TernTarget target, Settings s, ClientSettings cs, PrintStream out) throws Exception {
        int m = s.members();
        int k = s.senders();
        if (m < 2 || k < 1 || k > m) {
            throw new IllegalArgumentException("need --members >= 2 and 1 <= --senders <= --members");
        }
        String tag = cs.tag();
        Long serverPid = s.serverPid();
        List<String> notes = new ArrayList<>();
        long setupStart = System.nanoTime();
        if (out != null) {
            out.printf("tern: preparing %d members%n", m);
        }
        List<Endpoint> members = target.prepare("m", m, 1, out);
        double loginMillis = target.loginMillis();
        if (loginMillis > TernTarget.SLOW_LOGIN_MILLIS) {
            notes.add(P2pScenario.slowLogins(loginMillis));
        }
        List<Long> others = members.subList(1, m).stream().map(Endpoint::address).toList();
        long groupId;
        try {
            groupId = target.http().createGroup(members.get(0).token(), "bench-" + tag, others);
        } catch (Exception e) {
            throw new SetupFailure(e.getMessage() + (e.getMessage() != null && e.getMessage().contains("409")
                    ? " (a group of " + m + " needs the server started with --set delivery.maxGroupMembers=" + m + ")"
                    : ""));
        }
        Counters counters = new Counters();
        LatencyStats fanoutLatency = new LatencyStats();
        LatencyStats memberLatency = new LatencyStats();
        LatencyStats accept = new LatencyStats();
        FanoutTracker fanout = new FanoutTracker(m - 1, fanoutLatency);
        RunWindow window = new RunWindow();
        SendLedger[] sendLedgers = new SendLedger[k];
        ReceiveLedger[][] received = new ReceiveLedger[m][k];
        OrderTracker[] orders = new OrderTracker[m];
        List<Peer> peers = new ArrayList<>(m);
        for (int i = 0; i < k; i++) {
            sendLedgers[i] = new SendLedger();
        }
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < k; i++) {
                received[j][i] = new ReceiveLedger();
            }
            orders[j] = new OrderTracker("member " + j);
            peers.add(new Peer(counters).pushes(new GroupReceiver(received[j], orders[j], s.mode(), window, counters,
                    memberLatency, fanout, tag)));
        }
        List<SecondSample> series;
        boolean drained;
        CpuUsage cpu;
        double setupSeconds;
        try (WsClient client = new WsClient(new SourceAddresses(cs.sourceAddresses()))) {
            Connections.openAll(client, members, peers, cs, "group", out);
            setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            window.begin(s.warmup(), s.duration());
            double perSender = s.mode().open() ? s.mode().rate() / k : 0;
            ChatTemplate template = ChatTemplate.toGroup(groupId);
            List<Sender> all = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                Sender sender = new Sender(i, peers.get(i), template, sendLedgers[i], s.mode(), perSender, window,
                        counters, accept, tag);
                sender.start(s.mode().open() ? sender.intervalNanos() * i / k : 0);
                all.add(sender);
            }
            if (s.mode().open()) {
                Pacer.start(all, window);
            }
            ProgressTicker ticker = new ProgressTicker("tern", "deliveries", window, counters, fanoutLatency, out);
            ticker.start();
            Waits.until(window.measureFrom());
            CpuMeter cpuMeter = new CpuMeter(serverPid, false, counters.sent::sum,
                    counters.delivered::sum);
            Waits.until(window.measureTo());
            cpu = cpuMeter.stop();
            window.stop();
            drained = Waits.await(() -> counters.accepted.sum() + counters.sendErrors.sum() >= counters.sent.sum()
                    && counters.delivered.sum() >= counters.accepted.sum() * (m - 1), cs.drainTimeout());
            series = ticker.finish();
            Peer.flushAllAcks(peers); // ACKs still waiting (up to 200 ms) count as acked, as the server sees them
            peers.forEach(Peer::close);
        }
        DeliveryCheck check = DeliveryCheck.empty();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < m; j++) {
                if (j != i) {
                    // unresolved sends are counted once per sender, with its first receiver
                    check = check.plus(DeliveryChecker.compare("sender " + i + " to member " + j, sendLedgers[i],
                            received[j][i], null, j == (i == 0 ? 1 : 0)));
                }
            }
        }
        long outOfOrder = 0;
        List<String> examples = new ArrayList<>();
        for (OrderTracker o : orders) {
            outOfOrder += o.outOfOrder();
            examples.addAll(o.examples());
        }
        check = check.plus(new DeliveryCheck(0, 0, 0, 0, outOfOrder, 0, 0, 0, 0, examples));
        if (!drained) {
            notes.add("drain timed out after " + cs.drainTimeout().toSeconds() + " s: " + check.unresolved()
                    + " sends unanswered, " + check.missing() + " member deliveries missing");
        }
        return Results.load("tern", "group", s.mode(), m, m, k, counters, s.duration(), fanoutLatency, memberLatency,
                accept, fanout.incomplete(), check, cpu, setupSeconds, loginMillis, series, notes);
    }
}
