package io.tern.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.bench.baseline.BaselineTarget;
import io.tern.bench.cli.RelayCommand;
import io.tern.bench.load.ClientSettings;
import io.tern.bench.load.LoadMode;
import io.tern.bench.load.P2pScenario;
import io.tern.bench.report.LoadResult;
import io.tern.bench.report.ReportFiles;
import io.tern.bench.report.SuiteMetric;
import io.tern.bench.report.SuiteReport;
import io.tern.bench.report.SuiteRun;
import io.tern.bench.report.TargetCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real server processes, started as the suite starts them: the relay from the bench's class path, Tern
 * from its main class (the server is a test dependency; the suite proper starts its jar). Tiny runs of
 * a second or two; what is checked is that they run, stop on SIGTERM and report, not how fast.
 */
class SuiteRunTest {
    private static final List<String> BENCH_SETS = List.of("auth.bcryptCost=4", "limits.messagesPerSecond=0",
            "limits.loginsPerMinute=0", "limits.registrationsPerHour=0", "limits.connectionsPerAddress=0");

    @TempDir
    Path dir;

    private final ServerProcess.Launch launch = new ServerProcess.Launch(null, BENCH_SETS, null, List.of("-Xmx256m"));

    @Test
    void theRelayRunsAsItsOwnProcessCarriesAP2pRunAndStopsOnSigterm() throws Exception {
        Path log = dir.resolve("relay.log");
        ServerProcess relay = ServerProcess.start(ServerProcess.Kind.RELAY, launch, log);
        LoadResult r;
        try {
            assertThat(Files.readString(log)).contains(RelayCommand.LISTENING).contains("pid " + relay.pid());
            r = P2pScenario.run(BaselineTarget.external(relay.baseUri()), new P2pScenario.Settings(3, LoadMode.closed(4),
                    Duration.ZERO, Duration.ofSeconds(2), relay.pid()), new ClientSettings(1, 50, Duration.ofSeconds(15),
                    "rlytst", ""), null);
        } finally {
            relay.close();
        }

        assertThat(relay.exited()).isTrue();
        assertThat(relay.exitValue()).as("ended by SIGTERM (128 + 15), not killed").isEqualTo(143);
        assertThat(r.target()).isEqualTo("relay");
        assertThat(r.sent()).isPositive();
        assertThat(r.delivered()).isEqualTo(r.accepted()).isEqualTo(r.sent());
        assertThat(r.check().ok()).isTrue();
        // the relay is a process of its own: its CPU is told apart from the generator's, per message too
        assertThat(r.cpu().server()).isNotNull();
        assertThat(r.cpu().benchUsPerMessage()).isNotNull().isPositive();
        assertThat(r.cpu().serverUsPerMessage()).isNotNull();
    }

    @Test
    void theSuiteRunsTernAndTheRelayFromTheirOwnProcessesAndReportsMediansAndTargets() throws Exception {
        SuiteSettings s = new SuiteSettings(EnumSet.of(SuiteScenario.P2P_MAX, SuiteScenario.P2P_OPEN), 1,
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(15), 3, 4, 4, 10, 2, 20, 10, 1, 8, 50, null,
                launch, dir.resolve("logs"), true);

        SuiteRunner.Outcome o = new SuiteRunner(s, null).run();

        assertThat(o.runs()).extracting(SuiteRun::scenario, SuiteRun::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("p2p-max", "tern"), org.assertj.core.groups.Tuple.tuple("p2p-max", "relay"),
                org.assertj.core.groups.Tuple.tuple("p2p-open", "tern"), org.assertj.core.groups.Tuple.tuple("p2p-open", "relay"));
        assertThat(o.runs()).allSatisfy(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.ok()).isTrue();
            assertThat(Path.of(r.log())).exists();
        });
        double relayMax = o.runs().get(1).load().deliveredPerSecond();
        assertThat(o.openRate()).isEqualTo(SuiteRunner.quarter(relayMax));
        assertThat(o.runs().get(2).load().targetRate()).isEqualTo(o.openRate());
        assertThat(o.runs().get(3).load().targetRate()).isEqualTo(o.openRate());

        List<SuiteMetric> metrics = SuiteFigures.metrics(o.runs());
        List<TargetCheck> targets = SuiteTargets.judge(metrics, o.runs());
        assertThat(metrics).anyMatch(m -> m.scenario().equals("p2p-max") && m.target().equals("relay")
                && m.name().equals(SuiteFigures.DELIVERED) && m.spread().median() == relayMax);
        assertThat(targets).filteredOn(t -> t.target().equals("delivery")).singleElement()
                .extracting(TargetCheck::pass).isEqualTo(true);
        assertThat(targets).filteredOn(t -> t.target().equals("group at maximum")).singleElement()
                .extracting(TargetCheck::pass).isNull();

        SuiteReport report = new SuiteReport("tern-bench", "now", null, java.util.Map.of("rounds", 1), metrics, targets,
                o.runs(), o.notes(), true);
        ReportFiles.Written files = ReportFiles.write(report, dir);
        assertThat(Files.readString(files.html())).startsWith("<!DOCTYPE html>").contains("Targets (on the medians)")
                .doesNotContain("<script");
        assertThat(ReportFiles.readSuite(files.json()).runs()).hasSize(4);
    }
}
