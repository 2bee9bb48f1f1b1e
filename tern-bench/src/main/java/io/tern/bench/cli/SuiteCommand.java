package io.tern.bench.cli;

import io.tern.bench.report.ReportFiles;
import io.tern.bench.report.SuiteMetric;
import io.tern.bench.report.SuiteReport;
import io.tern.bench.report.SuiteRun;
import io.tern.bench.report.SuiteText;
import io.tern.bench.report.TargetCheck;
import io.tern.bench.suite.ServerProcess;
import io.tern.bench.suite.SuiteFigures;
import io.tern.bench.suite.SuiteRunner;
import io.tern.bench.suite.SuiteScenario;
import io.tern.bench.suite.SuiteSettings;
import io.tern.bench.suite.SuiteTargets;
import io.tern.bench.target.SetupFailure;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code suite}: the standard set of runs against Tern and the relay, each started by the suite. */
@Command(name = "suite", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The standard benchmark: Tern against the bare relay under the same conditions, several rounds, "
                + "medians and ranges, the targets of issue 12.",
                "Scenarios, in order: p2p-max (closed loop, Tern and relay), p2p-open (open loop at a quarter of the "
                        + "relay's median maximum, Tern and relay at the same rate), group-rate (500 members at 20 "
                        + "msgs/s), group-max, connect (19,000 connections). Every run gets a server process of its own: "
                        + "Tern from --server-jar with a fresh data directory and the benchmark flags, or the relay from "
                        + "this jar ('tern-bench relay'); both under 'taskset -c CPUS' with --cpus. Rounds alternate "
                        + "which of Tern and the relay runs first.",
                "Writes suite-<timestamp>.json and .html into --out and the server logs into --out/suite-logs-<timestamp>/. "
                        + "Exit status: 0 every run completed with a clean check (the targets' verdicts are in the "
                        + "report), 1 a run failed or found loss, duplicates or drops, 2 could not start."})
public final class SuiteCommand implements Callable<Integer> {
    /** The server flags of docs/performance.md: fast password hashing, no per-user or per-address limits. */
    static final List<String> BENCH_SETS = List.of("auth.bcryptCost=4", "limits.messagesPerSecond=0",
            "limits.loginsPerMinute=0", "limits.registrationsPerHour=0", "limits.connectionsPerAddress=0",
            "limits.connectionsPerUser=0");

    @Spec
    CommandSpec spec;

    @Option(names = "--server-jar", defaultValue = "tern-server/target/tern-server.jar", paramLabel = "JAR",
            description = "The Tern server jar to start for each run (default: ${DEFAULT-VALUE}).")
    Path serverJar;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "An extra server configuration flag, after the benchmark ones (repeatable), e.g. "
                    + "--set store.synchronous=NORMAL.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--cpus", paramLabel = "LIST",
            description = "Pin Tern and the relay alike with 'taskset -c LIST' (e.g. 1, or 0-1). The bench itself: "
                    + "start it under taskset too, or use --bench-cpus.")
    String cpus;

    @Option(names = "--bench-cpus", paramLabel = "LIST",
            description = "Pin this bench process (all its threads) with 'taskset -a -p -c LIST' before the first run.")
    String benchCpus;

    @Option(names = "--jvm-opts", paramLabel = "OPTS",
            description = "JVM options for both server processes, space-separated (e.g. \"-Xmx2g\").")
    String jvmOpts;

    @Option(names = "--only", paramLabel = "LIST",
            description = "Run only these scenarios: p2p, group, p2p-max, p2p-open, group-rate, group-max, connect "
                    + "(comma-separated; default all).")
    String only;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "Rounds of every scenario (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--duration", defaultValue = "20s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Measured time of each run (connect: hold time) (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Load before each measured window (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--rate-warmup", defaultValue = "30s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Load before the window of group-rate, if longer than --warmup: at 20 msgs/s the JIT needs "
                    + "longer to compile the per-message path (default: ${DEFAULT-VALUE}).")
    Duration rateWarmup;

    @Option(names = "--drain-timeout", defaultValue = "15s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Longest wait for in-flight messages after a window (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--pairs", defaultValue = "50", paramLabel = "P", description = "p2p pairs (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--p2p-window", defaultValue = "200", paramLabel = "W",
            description = "p2p closed loop: messages in flight per sender (default: ${DEFAULT-VALUE}: at 10, Tern waited "
                    + "on its group commit with the machine not busy; see docs/performance.md, session 12).")
    int p2pWindow;

    @Option(names = "--window", defaultValue = "10", paramLabel = "W",
            description = "Group closed loop: messages in flight per sender (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--open-rate", paramLabel = "MSGS_PER_S",
            description = "p2p open-loop rate; default a quarter of the relay's median closed-loop maximum (measured "
                    + "once if p2p-max does not run).")
    Double openRate;

    @Option(names = "--group-members", defaultValue = "500", paramLabel = "M",
            description = "Group members (default: ${DEFAULT-VALUE}).")
    int groupMembers;

    @Option(names = "--group-senders", defaultValue = "5", paramLabel = "K",
            description = "Group senders (default: ${DEFAULT-VALUE}).")
    int groupSenders;

    @Option(names = "--group-rate", defaultValue = "20", paramLabel = "MSGS_PER_S",
            description = "group-rate: messages per second in total (default: ${DEFAULT-VALUE}).")
    double groupRate;

    @Option(names = "--connections", defaultValue = "19000", paramLabel = "N",
            description = "connect: connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--source-addresses", defaultValue = "4", paramLabel = "N",
            description = "connect: loopback source addresses (default: ${DEFAULT-VALUE}).")
    int sourceAddresses;

    @Option(names = "--login-concurrency", defaultValue = "16", paramLabel = "N",
            description = "Register/login requests in flight (default: ${DEFAULT-VALUE}).")
    int loginConcurrency;

    @Option(names = "--connect-concurrency", defaultValue = "200", paramLabel = "N",
            description = "WebSocket handshakes in flight (default: ${DEFAULT-VALUE}).")
    int connectConcurrency;

    @Option(names = "--out", defaultValue = "bench-results", paramLabel = "DIR",
            description = "Directory for the report and the server logs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quiet", description = "No per-second lines; one line per run.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        try {
            return run(System.out).ok() ? 0 : 1;
        } catch (SetupFailure | IllegalArgumentException e) {
            System.err.println("tern-bench: " + e.getMessage());
            return 2;
        }
    }

    /** Runs the suite, prints progress and the summary to {@code console}, writes the report. */
    public SuiteReport run(PrintStream console) throws Exception {
        String startedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        SuiteSettings settings = settings();
        if (benchCpus != null) {
            pinSelf(benchCpus);
        }
        SuiteRunner.Outcome outcome = new SuiteRunner(settings, console).run();
        List<SuiteMetric> metrics = SuiteFigures.metrics(outcome.runs());
        List<TargetCheck> targets = SuiteTargets.judge(metrics, outcome.runs());
        List<String> notes = new ArrayList<>(outcome.notes());
        notes.add("the relay runs p2p only (it has no users, groups or logins); group and connect run against Tern");
        if (outcome.runs().stream().anyMatch(r -> r.loadAverageBefore() > Runtime.getRuntime().availableProcessors())) {
            notes.add("the machine's load average exceeded its core count before some runs (see the runs table): other "
                    + "processes competed for the CPU; compare ratios rather than absolute figures");
        }
        boolean ok = outcome.runs().stream().allMatch(SuiteRun::ok);
        SuiteReport report = new SuiteReport("tern-bench", startedAt, commandLine(), config(settings, outcome), metrics,
                targets, outcome.runs(), notes, ok);
        ReportFiles.Written files = ReportFiles.write(report, out);
        console.print(SuiteText.render(report));
        console.println("wrote " + files.json() + " and " + files.html());
        return report;
    }

    private SuiteSettings settings() {
        if (!Files.isRegularFile(serverJar)) {
            throw new SetupFailure("no server jar at " + serverJar.toAbsolutePath() + ": build it (mvn -pl tern-server "
                    + "-am package -DskipTests) or give --server-jar");
        }
        ServerProcess.checkTaskset(cpus);
        List<String> all = new ArrayList<>(BENCH_SETS);
        all.add("delivery.maxGroupMembers=" + Math.max(1000, groupMembers));
        all.addAll(sets);
        List<String> jvm = jvmOpts == null || jvmOpts.isBlank() ? List.of() : Arrays.asList(jvmOpts.trim().split("\\s+"));
        Path logs = out.resolve("suite-logs-" + OffsetDateTime.now().toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)
                .toString().replace(':', '-'));
        return new SuiteSettings(SuiteScenario.parse(only), rounds, warmup, rateWarmup, duration, drainTimeout, pairs, p2pWindow,
                window, groupMembers, groupSenders, groupRate, connections, sourceAddresses, loginConcurrency, connectConcurrency,
                openRate, new ServerProcess.Launch(serverJar.toAbsolutePath(), all, cpus, jvm), logs, quiet);
    }

    private Map<String, Object> config(SuiteSettings s, SuiteRunner.Outcome outcome) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("scenarios", s.scenarios().stream().map(x -> x.id).toList());
        c.put("rounds", s.rounds());
        c.put("duration", BenchCommand.seconds(s.duration()));
        c.put("warmup", BenchCommand.seconds(s.warmup()));
        c.put("rateWarmup", BenchCommand.seconds(s.warmupOf(SuiteScenario.GROUP_RATE)));
        c.put("drainTimeout", BenchCommand.seconds(s.drainTimeout()));
        c.put("pairs", s.pairs());
        c.put("p2pWindow", s.p2pWindow());
        c.put("window", s.window());
        c.put("openRate", outcome.openRate());
        c.put("groupMembers", s.groupMembers());
        c.put("groupSenders", s.groupSenders());
        c.put("groupRate", s.groupRate());
        c.put("connections", s.connections());
        c.put("sourceAddresses", s.sourceAddresses());
        c.put("serverJar", String.valueOf(s.launch().ternJar()));
        c.put("serverSets", s.launch().ternSets().stream().map(ServerProcess::masked).toList());
        c.put("cpus", s.launch().cpus() == null ? "not pinned" : s.launch().cpus());
        c.put("benchCpus", benchCpus == null ? "not pinned" : benchCpus);
        c.put("jvmOptions", s.launch().jvmOptions());
        c.put("serverLogs", s.logDir().toString());
        c.put("machineCores", Runtime.getRuntime().availableProcessors());
        c.put("java", System.getProperty("java.version"));
        return c;
    }

    /** taskset -a -p -c LIST PID: every thread of this process onto the given cores. */
    private static void pinSelf(String cpus) throws Exception {
        ServerProcess.checkTaskset(cpus);
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new SetupFailure("taskset -a -p -c " + cpus + " failed (status " + p.exitValue() + ")");
        }
    }

    private String commandLine() {
        if (spec == null) {
            return null;
        }
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "java -jar tern-bench.jar " + (args.contains("suite") ? "" : "suite ")
                + String.join(" ", args.stream().map(ServerProcess::masked).toList());
    }
}
