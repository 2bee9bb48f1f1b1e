package io.tern.bench.cli;

import io.tern.bench.baseline.BaselineTarget;
import io.tern.bench.baseline.RelayServer;
import io.tern.bench.load.LoadMode;
import io.tern.bench.load.P2pScenario;
import io.tern.bench.report.BenchReport;
import io.tern.bench.report.Comparison;
import io.tern.bench.report.LoadResult;
import io.tern.bench.target.ServerAdvice;
import io.tern.bench.target.SetupFailure;
import io.tern.bench.target.Target;
import java.net.URI;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code p2p}: sender to receiver pairs against Tern, optionally followed by the baseline relay. */
@Command(name = "p2p", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One-to-one load: P sender->receiver pairs, each pair its own two users and conversation.",
                "Open loop (--rate, total msgs/s) or closed loop (--max, --window in flight per sender). Reports "
                        + "accepted (CHAT_RESP), delivered, acked, throughput, latency p50/p99/p99.9/max and a loss and "
                        + "duplicate check of every message. With --baseline the bare relay runs after Tern with the "
                        + "same pairs, load and duration, and Tern is reported as a percentage of it.",
                "Start the server for benchmarks with " + ServerAdvice.BENCH_FLAGS
                        + " (fast password hashing; no per-user or per-address limits)."})
public final class P2pCommand extends BenchCommand {
    @Option(names = "--pairs", defaultValue = "50", paramLabel = "P",
            description = "Sender->receiver pairs (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Mixin
    LoadOptions load = new LoadOptions();

    @Option(names = "--baseline", description = "Also run the bare Netty relay inside this process (after Tern) and "
            + "compare. Quick, but the relay shares the bench's JVM and CPU account: for a fair comparison run "
            + "'tern-bench relay' as its own process and use --relay, or 'tern-bench suite'.")
    boolean baseline;

    @Option(names = "--relay", paramLabel = "URL",
            description = "Run the load against a relay process ('tern-bench relay --port P') at URL, e.g. "
                    + "http://127.0.0.1:9090, instead of Tern; --server is not used, --server-pid is the relay's pid.")
    URI relay;

    @Override
    protected BenchReport execute(PrintStream progress) throws Exception {
        LoadMode mode = load.toMode();
        Duration duration = common.durationOr(Duration.ofSeconds(30));
        P2pScenario.Settings settings = new P2pScenario.Settings(pairs, mode, common.warmup, duration,
                common.serverPid);
        if (relay != null && baseline) {
            throw new SetupFailure("--relay and --baseline exclude each other");
        }
        List<LoadResult> runs = new ArrayList<>();
        Target target = relay != null ? BaselineTarget.external(relay) : ternTarget();
        runs.add(P2pScenario.run(target, settings, clientSettings(), progress));
        Comparison comparison = null;
        if (baseline) {
            runs.add(runBaseline(settings, progress));
            comparison = Comparison.of(runs.get(0), runs.get(1));
        }
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("pairs", pairs);
        putLoad(own, mode, duration);
        own.put("baseline", baseline);
        if (relay != null) {
            own.put("relay", relay.toString());
        }
        boolean ok = runs.stream().allMatch(r -> r.check().ok() && r.closedUnexpectedly() == 0);
        Map<String, Object> config = config(own);
        if (relay != null) {
            config.remove("server");
            config.remove("userPrefix");
        }
        List<String> notes = new ArrayList<>();
        if (baseline) {
            notes.add("the baseline relay ran inside the bench process: its CPU is in the bench's figure and it "
                    + "competed with the load generator; 'tern-bench suite' runs it as its own process");
        }
        return new BenchReport("tern-bench", "p2p", startedAt, commandLine(), config, runs, comparison, null,
                notes(notes), ok);
    }

    private LoadResult runBaseline(P2pScenario.Settings settings, PrintStream progress) throws Exception {
        try (RelayServer relay = RelayServer.start()) {
            // the relay runs inside the bench: no separate server process to account CPU to
            P2pScenario.Settings same = new P2pScenario.Settings(settings.pairs(), settings.mode(), settings.warmup(),
                    settings.duration(), null);
            return P2pScenario.run(new BaselineTarget(relay), same, clientSettings(), progress);
        }
    }
}
