package io.tern.bench.cli;

import io.tern.bench.baseline.BaselineTarget;
import io.tern.bench.baseline.RelayServer;
import io.tern.bench.load.LoadMode;
import io.tern.bench.load.P2pScenario;
import io.tern.bench.report.BenchReport;
import io.tern.bench.report.LoadResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baseline}: the p2p load against the bare relay only; no Tern server needed. */
@Command(name = "baseline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The p2p load against a bare Netty relay in this process: this machine's raw limit.",
                "The p2p load against a bare Netty WebSocket relay started in this process (no auth, no "
                + "store): it answers each CHAT at once and forwards it to the addressed connection. This machine's "
                + "raw limit for the same traffic; --server is not used."})
public final class BaselineCommand extends BenchCommand {
    @Option(names = "--pairs", defaultValue = "50", paramLabel = "P",
            description = "Sender->receiver pairs (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Mixin
    LoadOptions load = new LoadOptions();

    @Override
    protected BenchReport execute(PrintStream progress) throws Exception {
        LoadMode mode = load.toMode();
        Duration duration = common.durationOr(Duration.ofSeconds(30));
        LoadResult run;
        try (RelayServer relay = RelayServer.start()) {
            run = P2pScenario.run(new BaselineTarget(relay),
                    new P2pScenario.Settings(pairs, mode, common.warmup, duration, null), clientSettings(), progress);
        }
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("pairs", pairs);
        putLoad(own, mode, duration);
        Map<String, Object> config = config(own);
        config.remove("server");
        config.remove("userPrefix");
        config.remove("loginConcurrency");
        return new BenchReport("tern-bench", "baseline", startedAt, commandLine(), config, List.of(run), null, null,
                notes(List.of()), run.check().ok() && run.closedUnexpectedly() == 0);
    }
}
