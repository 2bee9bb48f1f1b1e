package io.tern.bench.suite;

import io.tern.bench.baseline.BaselineTarget;
import io.tern.bench.cli.MachineLoad;
import io.tern.bench.cli.RunTags;
import io.tern.bench.load.ClientSettings;
import io.tern.bench.load.ConnectScenario;
import io.tern.bench.load.GroupScenario;
import io.tern.bench.load.LoadMode;
import io.tern.bench.load.P2pScenario;
import io.tern.bench.report.ConnectResult;
import io.tern.bench.report.LoadResult;
import io.tern.bench.report.Spread;
import io.tern.bench.report.SuiteRun;
import io.tern.bench.report.SuiteText;
import io.tern.bench.target.Target;
import io.tern.bench.target.TernHttp;
import io.tern.bench.target.TernTarget;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the suite: per scenario, {@code rounds} rounds, each run against a server process started for it
 * alone. Where the relay takes part, a round runs Tern and the relay one after the other and the next
 * round the other way round, so a slow drift of the machine does not always fall on the same side. A run
 * that fails is recorded with its error and the suite goes on.
 */
public final class SuiteRunner {
    private static final String PASSWORD = "bench-password-1";

    private final SuiteSettings s;
    private final PrintStream out;
    private final List<SuiteRun> runs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final long started = System.nanoTime();
    private int done;
    private int total;
    private Double openRate;

    public SuiteRunner(SuiteSettings settings, PrintStream out) {
        this.s = settings;
        this.out = out;
    }

    /** Everything the suite ran, and notes for the reader (how the open-loop rate was chosen, ...). */
    public record Outcome(List<SuiteRun> runs, Double openRate, List<String> notes) {
    }

    public Outcome run() {
        for (SuiteScenario sc : s.scenarios()) {
            total += s.rounds() * (sc.withRelay ? 2 : 1);
        }
        openRate = s.openRate();
        for (SuiteScenario sc : s.scenarios()) {
            if (sc == SuiteScenario.P2P_OPEN && openRate == null) {
                openRate = quarterOfRelayMax();
            }
            for (int round = 1; round <= s.rounds(); round++) {
                for (ServerProcess.Kind kind : order(sc, round)) {
                    runs.add(runOne(sc, kind, round));
                }
            }
        }
        return new Outcome(List.copyOf(runs), openRate, List.copyOf(notes));
    }

    /** Tern first in odd rounds, the relay first in even ones. */
    static List<ServerProcess.Kind> order(SuiteScenario sc, int round) {
        if (!sc.withRelay) {
            return List.of(ServerProcess.Kind.TERN);
        }
        return round % 2 == 1 ? List.of(ServerProcess.Kind.TERN, ServerProcess.Kind.RELAY)
                : List.of(ServerProcess.Kind.RELAY, ServerProcess.Kind.TERN);
    }

    /** The open-loop rate: a quarter of the relay's median closed-loop maximum, measured now if not yet. */
    private double quarterOfRelayMax() {
        List<Double> maxima = new ArrayList<>();
        for (SuiteRun r : runs) {
            if (r.scenario().equals(SuiteScenario.P2P_MAX.id) && r.target().equals("relay") && r.load() != null) {
                maxima.add(r.load().deliveredPerSecond());
            }
        }
        if (maxima.isEmpty()) {
            total++;
            SuiteRun calibration = runOne(SuiteScenario.P2P_MAX, ServerProcess.Kind.RELAY, 0);
            runs.add(calibration);
            if (calibration.load() != null) {
                maxima.add(calibration.load().deliveredPerSecond());
            }
        }
        Spread max = Spread.of(maxima);
        double rate = max == null ? 1000 : quarter(max.median());
        notes.add(String.format(Locale.ROOT, "p2p open loop at %,.0f msgs/s: a quarter of the relay's closed-loop "
                + "maximum (median %s)", rate, max == null ? "n/a: the relay run failed, 1,000/s used"
                : String.format(Locale.ROOT, "%,.0f/s of %d run%s", max.median(), max.n(), max.n() == 1 ? "" : "s")));
        return rate;
    }

    /** A quarter, rounded to 100 msgs/s, at least 100. */
    static double quarter(double max) {
        return Math.max(100, Math.round(max / 4 / 100) * 100.0);
    }

    private SuiteRun runOne(SuiteScenario sc, ServerProcess.Kind kind, int round) {
        String target = kind == ServerProcess.Kind.TERN ? "tern" : "relay";
        String label = sc.id + (round == 0 ? " calibration" : " round " + round + "/" + s.rounds()) + ": " + target;
        done++;
        double load = MachineLoad.loadAverage();
        if (out != null) {
            long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
            out.printf(Locale.ROOT, "[suite %d/%d, %d:%02d elapsed] %s (load average %.2f)%n", done, total,
                    elapsed / 60, elapsed % 60, label, load);
        }
        Path log = s.logDir().resolve(sc.id + "-" + target + "-r" + round + ".log");
        String command = null;
        try (ServerProcess server = ServerProcess.start(kind, s.launch(), log)) {
            command = server.commandLine();
            if (out != null) {
                out.println("  " + target + " started, pid " + server.pid() + ": " + command);
            }
            SuiteRun run = execute(sc, kind, round, server, load);
            if (out != null) {
                out.println("  => " + SuiteText.oneRun(run));
            }
            return run;
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (out != null) {
                out.println("  => FAILED: " + error);
            }
            return new SuiteRun(sc.id, target, round, command, log.toString(), load, false, error, null, null, null);
        }
    }

    private SuiteRun execute(SuiteScenario sc, ServerProcess.Kind kind, int round, ServerProcess server, double load)
            throws Exception {
        String tag = RunTags.next();
        String target = kind == ServerProcess.Kind.TERN ? "tern" : "relay";
        PrintStream progress = s.quiet() ? null : out;
        ClientSettings cs = new ClientSettings(sc == SuiteScenario.CONNECT ? s.sourceAddresses() : 1,
                s.connectConcurrency(), s.drainTimeout(), tag, "--source-addresses " + Math.max(1, s.sourceAddresses()));
        Long pid = server.pid();
        String log = server.log().toString();
        String command = server.commandLine();
        switch (sc) {
            case P2P_MAX, P2P_OPEN -> {
                Target t = kind == ServerProcess.Kind.TERN ? tern(server, tag) : BaselineTarget.external(server.baseUri());
                LoadMode mode = sc == SuiteScenario.P2P_MAX ? LoadMode.closed(s.p2pWindow()) : LoadMode.open(openRate);
                LoadResult r = P2pScenario.run(t, new P2pScenario.Settings(s.pairs(), mode, s.warmupOf(sc), s.duration(),
                        pid), cs, progress);
                return new SuiteRun(sc.id, target, round, command, log, load, clean(r), null, r, null, null);
            }
            case GROUP_RATE, GROUP_MAX -> {
                LoadMode mode = sc == SuiteScenario.GROUP_RATE ? LoadMode.open(s.groupRate()) : LoadMode.closed(s.window());
                LoadResult r = GroupScenario.run(tern(server, tag), new GroupScenario.Settings(s.groupMembers(),
                        s.groupSenders(), mode, s.warmupOf(sc), s.duration(), pid), cs, progress);
                return new SuiteRun(sc.id, target, round, command, log, load, clean(r), null, r, null, null);
            }
            case CONNECT -> {
                List<String> connectNotes = new ArrayList<>();
                ConnectResult c = ConnectScenario.run(tern(server, tag), new ConnectScenario.Settings(s.connections(), 1,
                        s.duration(), pid), cs, connectNotes, progress);
                boolean ok = c.opened() == s.connections() && c.closedDuringHold() == 0;
                return new SuiteRun(sc.id, target, round, command, log, load, ok, null, null, c,
                        connectNotes.isEmpty() ? null : List.copyOf(connectNotes));
            }
            default -> throw new IllegalStateException(sc.id);
        }
    }

    private TernTarget tern(ServerProcess server, String tag) {
        return new TernTarget(new TernHttp(server.baseUri()), "bench-" + tag, PASSWORD, s.loginConcurrency());
    }

    private static boolean clean(LoadResult r) {
        return r.check().ok() && r.closedUnexpectedly() == 0;
    }
}
