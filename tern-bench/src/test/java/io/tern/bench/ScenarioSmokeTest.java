package io.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.bench.cli.BaselineCommand;
import io.tern.bench.cli.BenchCommand;
import io.tern.bench.cli.ConnectCommand;
import io.tern.bench.cli.GroupCommand;
import io.tern.bench.cli.P2pCommand;
import io.tern.bench.report.BenchReport;
import io.tern.bench.report.ConnectResult;
import io.tern.bench.report.DeliveryCheck;
import io.tern.bench.report.LoadResult;
import io.tern.bench.report.ReportFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every scenario at a tiny size against a real server in this JVM: it runs to completion through its
 * command line, writes the JSON and HTML report, and the loss and duplicate check finds nothing.
 */
class ScenarioSmokeTest {
    private static LocalTern server;

    @TempDir
    Path out;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        server = new LocalTern(Map.of());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void connectOpensHoldsAndMeasures() throws Exception {
        BenchReport r = run(new ConnectCommand(), "--connections", "20", "--devices-per-user", "2", "--duration", "1s");

        ConnectResult c = r.connect();
        assertThat(c.requested()).isEqualTo(20);
        assertThat(c.opened()).isEqualTo(20);
        assertThat(c.failed()).isZero();
        assertThat(c.users()).isEqualTo(10);
        assertThat(c.closedDuringHold()).isZero();
        assertThat(c.openAtEnd()).isEqualTo(20);
        assertThat(c.connectionsPerSecond()).isPositive();
        assertThat(c.openFileLimitHit()).isFalse();
        assertThat(r.ok()).isTrue();
        if (c.afterOpen().available()) {
            assertThat(c.afterOpen().connections()).isEqualTo(20.0);
        } else {
            assertThat(r.notes()).anyMatch(n -> n.contains("metrics n/a"));
        }
    }

    @Test
    void p2pOpenLoopDeliversEveryMessageOnce() throws Exception {
        BenchReport r = run(new P2pCommand(), "--pairs", "5", "--rate", "200", "--duration", "2s");

        LoadResult tern = r.run("tern");
        assertThat(tern.mode()).isEqualTo("open");
        assertThat(tern.connections()).isEqualTo(10);
        // 200 msgs/s for 2 s, on a schedule: about 400 sends
        assertThat(tern.sent()).isBetween(350L, 410L);
        assertThat(tern.accepted()).isEqualTo(tern.sent());
        assertThat(tern.delivered()).isEqualTo(tern.accepted());
        assertThat(tern.acked()).isGreaterThanOrEqualTo(tern.delivered());
        assertThat(tern.latency().count()).isEqualTo(tern.delivered());
        assertThat(tern.latency().p99Us()).isPositive();
        assertThat(tern.latencyFrom()).isEqualTo("intended send time");
        assertThat(tern.series()).isNotEmpty();
        assertThat(tern.cpu()).isNotNull();
        assertThat(tern.cpu().machineBusy()).isPositive();
        assertClean(tern.check(), tern.accepted());
        assertThat(r.ok()).isTrue();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("delivered").contains("loss/duplicate check: OK");
    }

    @Test
    void p2pClosedLoopWithBaselineComparesBoth() throws Exception {
        BenchReport r = run(new P2pCommand(), "--pairs", "5", "--max", "--window", "4", "--duration", "2s",
                "--baseline");

        assertThat(r.runs()).extracting(LoadResult::target).containsExactly("tern", "baseline");
        for (LoadResult run : r.runs()) {
            assertThat(run.mode()).isEqualTo("closed");
            assertThat(run.sent()).isGreaterThan(50);
            assertThat(run.accepted()).isEqualTo(run.sent());
            assertThat(run.delivered()).isEqualTo(run.accepted());
            assertThat(run.deliveredPerSecond()).isPositive();
            assertClean(run.check(), run.accepted());
        }
        assertThat(r.comparison()).isNotNull();
        assertThat(r.comparison().ternPercentOfBaseline()).isPositive();
        assertThat(r.ok()).isTrue();
    }

    @Test
    void groupFansOutToEveryMember() throws Exception {
        BenchReport r = run(new GroupCommand(), "--members", "10", "--senders", "2", "--rate", "50", "--duration", "2s");

        LoadResult g = r.run("tern");
        assertThat(g.members()).isEqualTo(10);
        assertThat(g.senders()).isEqualTo(2);
        assertThat(g.accepted()).isEqualTo(g.sent()).isGreaterThan(50);
        // every message reaches the 9 members other than its sender
        assertThat(g.delivered()).isEqualTo(g.accepted() * 9);
        assertThat(g.incompleteFanouts()).isZero();
        assertThat(g.latency().count()).isEqualTo(g.accepted());
        assertThat(g.memberLatency().count()).isEqualTo(g.delivered());
        assertThat(g.latency().p99Us()).isGreaterThanOrEqualTo(g.memberLatency().p50Us());
        assertClean(g.check(), g.accepted() * 9);
        assertThat(r.ok()).isTrue();
    }

    @Test
    void baselineRunsWithoutAServer() throws Exception {
        BenchReport r = run(new BaselineCommand(), "--pairs", "3", "--rate", "300", "--duration", "1s");

        LoadResult b = r.run("baseline");
        assertThat(b.sent()).isBetween(250L, 310L);
        assertThat(b.delivered()).isEqualTo(b.sent());
        assertClean(b.check(), b.accepted());
        assertThat(r.ok()).isTrue();
    }

    private BenchReport run(BenchCommand command, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--server", server.url(), "--out", out.toString(), "--warmup", "0s"));
        all.addAll(List.of(args));
        new CommandLine(command).parseArgs(all.toArray(String[]::new));
        BenchCommand.Outcome o = command.run(new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(o.files().json()).exists().hasFileName(o.report().scenario() + o.files().json().getFileName()
                .toString().substring(o.report().scenario().length()));
        String html = Files.readString(o.files().html());
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://fonts");
        if (o.report().runs() != null) {
            assertThat(html).contains("<svg").contains("Latency by percentile");
        }
        BenchReport reread = ReportFiles.read(o.files().json());
        assertThat(reread.scenario()).isEqualTo(o.report().scenario());
        return o.report();
    }

    private static void assertClean(DeliveryCheck check, long expected) {
        assertThat(check.expected()).isEqualTo(expected);
        assertThat(check.missing()).isZero();
        assertThat(check.duplicates()).isZero();
        assertThat(check.outOfOrder()).isZero();
        assertThat(check.seqMismatch()).isZero();
        assertThat(check.deliveredAfterError()).isZero();
        assertThat(check.unresolved()).isZero();
        assertThat(check.ok()).isTrue();
    }
}
