package io.tern.bench.cli;

import io.tern.bench.load.GroupScenario;
import io.tern.bench.load.LoadMode;
import io.tern.bench.report.BenchReport;
import io.tern.bench.report.LoadResult;
import io.tern.bench.target.ServerAdvice;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code group}: one group, all members online, K senders. */
@Command(name = "group", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One group of M online members, K of them sending: fan-out latency to the last member, "
                + "deliveries/s.",
                "Group load: a group of M members created by the first (POST /api/groups), all members "
                + "online, the first K of them sending. Reports fan-out latency to the LAST member of each message, "
                + "deliveries per second across all members, and a loss and duplicate check per member.",
                "Groups above the server's delivery.maxGroupMembers (default 2000) need the server started with "
                        + "--set delivery.maxGroupMembers=M. Start it with " + ServerAdvice.BENCH_FLAGS + "."})
public final class GroupCommand extends BenchCommand {
    @Option(names = "--members", defaultValue = "500", paramLabel = "M",
            description = "Group members, all online (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--senders", defaultValue = "5", paramLabel = "K",
            description = "Members that send (default: ${DEFAULT-VALUE}).")
    int senders;

    @Mixin
    LoadOptions load = new LoadOptions();

    @Override
    protected BenchReport execute(PrintStream progress) throws Exception {
        LoadMode mode = load.toMode();
        Duration duration = common.durationOr(Duration.ofSeconds(30));
        LoadResult run = GroupScenario.run(ternTarget(),
                new GroupScenario.Settings(members, senders, mode, common.warmup, duration,
                        common.serverPid), clientSettings(), progress);
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("members", members);
        own.put("senders", senders);
        putLoad(own, mode, duration);
        return new BenchReport("tern-bench", "group", startedAt, commandLine(), config(own), List.of(run), null, null,
                notes(List.of()), run.check().ok() && run.closedUnexpectedly() == 0);
    }
}
