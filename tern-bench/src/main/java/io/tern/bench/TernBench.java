package io.tern.bench;

import io.tern.bench.cli.BaselineCommand;
import io.tern.bench.cli.ConnectCommand;
import io.tern.bench.cli.GroupCommand;
import io.tern.bench.cli.ImagePushCommand;
import io.tern.bench.cli.P2pCommand;
import io.tern.bench.cli.RelayCommand;
import io.tern.bench.cli.SuiteCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar tern-bench.jar <connect|p2p|group|baseline|relay|suite|image-push> [options]}. */
@Command(name = "tern-bench", mixinStandardHelpOptions = true, version = "tern-bench 0.1.0",
        subcommands = {ConnectCommand.class, P2pCommand.class, GroupCommand.class, BaselineCommand.class,
                RelayCommand.class, SuiteCommand.class, ImagePushCommand.class,
                CommandLine.HelpCommand.class},
        description = {"Load generator for a running Tern server, with a bare Netty relay (its own process: relay) as "
                + "this machine's baseline, and the standard comparison of both (suite).",
                "Each run prints progress every second and a summary, and writes <scenario>-<timestamp>.json and "
                        + ".html (self-contained, charts inline) into --out."},
        footer = {"", "Start the server for benchmarks with fast password hashing and its per-user and",
                "per-address limits off (all bench users come from one address):",
                "  java -jar tern-server/target/tern-server.jar --port 8080 \\",
                "    --data-dir /tmp/bench-data --set delivery.maxGroupMembers=1000 \\",
                "    --set auth.bcryptCost=4 --set limits.messagesPerSecond=0 \\",
                "    --set limits.loginsPerMinute=0 --set limits.registrationsPerHour=0 \\",
                "    --set limits.connectionsPerAddress=0",
                "Examples:",
                "  tern-bench suite --server-jar tern-server/target/tern-server.jar --cpus 1 --bench-cpus 0",
                "  tern-bench relay --port 19090 &   then   tern-bench p2p --relay http://127.0.0.1:19090 --max",
                "  tern-bench p2p --pairs 50 --max --duration 20s --baseline",
                "  tern-bench p2p --pairs 50 --rate 20000",
                "  tern-bench group --members 500 --senders 5 --rate 20",
                "  tern-bench image-push --members 500 --image-kb 512",
                "  tern-bench connect --connections 19000 --source-addresses 4 \\",
                "    --server-pid $(pgrep -f tern-server.jar)",
                "Exit status: 0 passed, 1 loss/duplicates/drops found, 2 could not set up."})
public final class TernBench implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TernBench()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
