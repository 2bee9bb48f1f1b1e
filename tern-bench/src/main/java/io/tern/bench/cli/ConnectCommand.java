package io.tern.bench.cli;

import io.tern.bench.load.ConnectScenario;
import io.tern.bench.report.BenchReport;
import io.tern.bench.report.ConnectResult;
import io.tern.bench.target.ServerAdvice;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connect}: many idle authenticated connections and what they cost the server. */
@Command(name = "connect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"N authenticated connections held with heartbeats: setup rate, failures, server heap and RSS "
                + "per connection.",
                "Opens N authenticated WebSocket connections (each its own user by default; "
                + "--devices-per-user D logs D distinct deviceIds in per user), holds them with heartbeats for "
                + "--duration and reports the setup rate, failures, and the server's heap and RSS per connection "
                + "read from GET <server>/metrics before and after opening (with --server-pid the server gets "
                + "'jcmd <pid> GC.run' before each reading, so heap is live data).",
                "One process holds at most ulimit -n (20,000 here) sockets; the run says so when it hits the limit "
                        + "and prints the command for several processes. Every connection needs a login (one bcrypt), "
                        + "all from one address: start the server with " + ServerAdvice.BENCH_FLAGS + "."})
public final class ConnectCommand extends BenchCommand {
    @Option(names = "--connections", defaultValue = "1000", paramLabel = "N",
            description = "Connections to open (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--devices-per-user", defaultValue = "1", paramLabel = "D",
            description = "Connections per user, each with its own deviceId (default: ${DEFAULT-VALUE}).")
    int devicesPerUser;

    @Override
    protected BenchReport execute(PrintStream progress) throws Exception {
        Duration hold = common.durationOr(Duration.ofSeconds(60));
        List<String> notes = new ArrayList<>();
        ConnectResult result = ConnectScenario.run(ternTarget(),
                new ConnectScenario.Settings(connections, devicesPerUser, hold, common.serverPid), clientSettings(), notes,
                progress);
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("connections", connections);
        own.put("devicesPerUser", devicesPerUser);
        own.put("duration", BenchCommand.seconds(hold));
        own.put("serverPid", common.serverPid);
        Map<String, Object> config = config(own);
        config.remove("warmup");
        config.remove("drainTimeout");
        boolean ok = result.opened() == connections && result.closedDuringHold() == 0;
        return new BenchReport("tern-bench", "connect", startedAt, commandLine(), config, null, null, result,
                notes(notes), ok);
    }
}
