package io.tern.bench.cli;

import io.tern.bench.load.ClientSettings;
import io.tern.bench.target.SetupFailure;
import io.tern.bench.report.BenchReport;
import io.tern.bench.report.ReportFiles;
import io.tern.bench.report.SummaryText;
import io.tern.bench.target.TernHttp;
import io.tern.bench.target.TernTarget;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The flow every scenario shares: run it, print the plain summary, write the JSON and HTML report.
 * Exit code 0 when the run passed its checks, 1 when it found loss, duplicates or dropped connections,
 * 2 when it could not be set up.
 */
public abstract class BenchCommand implements Callable<Integer> {
    /** A finished run: the report and where it was written. */
    public record Outcome(BenchReport report, ReportFiles.Written files) {
    }

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    protected final String tag = RunTags.next();
    protected final String startedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    private double loadBefore;
    private String busyNote;

    @Override
    public Integer call() throws Exception {
        try {
            Outcome o = run(System.out);
            return o.report().ok() ? 0 : 1;
        } catch (SetupFailure e) {
            System.err.println("tern-bench: " + e.getMessage());
            return 2;
        }
    }

    /** Runs the scenario, prints the summary to {@code out} and writes the report files. */
    public Outcome run(PrintStream out) throws Exception {
        PrintStream progress = common.quiet ? null : out;
        loadBefore = MachineLoad.loadAverage();
        busyNote = MachineLoad.busyNote();
        if (busyNote != null) {
            out.println("NOTE: " + busyNote);
        }
        BenchReport report = execute(progress);
        ReportFiles.Written files = ReportFiles.write(report, common.out);
        out.print(SummaryText.render(report));
        out.println("wrote " + files.json() + " and " + files.html());
        return new Outcome(report, files);
    }

    protected abstract BenchReport execute(PrintStream progress) throws Exception;

    protected ClientSettings clientSettings() {
        String example = "--server " + common.server + " --source-addresses " + Math.max(1, common.sourceAddresses);
        return new ClientSettings(common.sourceAddresses, common.connectConcurrency, common.drainTimeout, tag, example);
    }

    protected TernTarget ternTarget() {
        String prefix = common.userPrefix != null ? common.userPrefix : "bench-" + tag;
        if (!prefix.matches("[A-Za-z0-9_.-]{1,24}")) {
            throw new SetupFailure("--user-prefix must be 1-24 characters of letters, digits, '_', '.' and '-'");
        }
        return new TernTarget(new TernHttp(common.server), prefix, common.password, common.loginConcurrency);
    }

    /** The configuration recorded in the report: common options plus the scenario's own. */
    protected Map<String, Object> config(Map<String, Object> own) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("server", common.server.toString());
        c.put("runId", tag);
        c.put("userPrefix", common.userPrefix != null ? common.userPrefix : "bench-" + tag);
        c.putAll(own);
        c.put("warmup", seconds(common.warmup));
        c.put("drainTimeout", seconds(common.drainTimeout));
        c.put("sourceAddresses", common.sourceAddresses);
        c.put("connectConcurrency", common.connectConcurrency);
        c.put("loginConcurrency", common.loginConcurrency);
        c.put("clientThreads", io.tern.bench.net.WsClient.THREADS);
        c.put("cpus", Runtime.getRuntime().availableProcessors());
        c.put("java", System.getProperty("java.version"));
        c.put("loadAverageBefore", loadBefore);
        return c;
    }

    /** The report's notes: the scenario's own, and whether the machine was busy before the run. */
    protected List<String> notes(List<String> own) {
        List<String> all = new java.util.ArrayList<>(own);
        if (busyNote != null) {
            all.add(busyNote);
        }
        return all;
    }

    static String seconds(java.time.Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + "s";
    }

    protected String commandLine() {
        if (spec == null) {
            return null;
        }
        // the parse result of a subcommand holds the whole original command line, subcommand included
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "java -jar tern-bench.jar " + (args.contains(spec.name()) ? "" : spec.name() + " ")
                + String.join(" ", args);
    }

    /** The load part of a report's configuration, the same for every load scenario. */
    static void putLoad(java.util.Map<String, Object> config, io.tern.bench.load.LoadMode mode, java.time.Duration duration) {
        config.put("mode", mode.describe());
        if (mode.open()) {
            config.put("rate", mode.rate());
        } else {
            config.put("window", mode.window());
        }
        config.put("duration", seconds(duration));
    }
}
