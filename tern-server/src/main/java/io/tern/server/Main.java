package io.tern.server;

import io.tern.server.config.ConfigException;
import io.tern.server.config.ConfigKeys;
import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.startup.StartupException;
import io.tern.server.startup.StartupFailures;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar tern-server.jar [--port N] [--data-dir DIR] [--config FILE] [--set key=value]...} */
@Command(name = "tern-server", mixinStandardHelpOptions = true, version = "Tern 0.1.0",
        description = "Runs a Tern instant-messaging server node.",
        subcommands = {io.tern.server.admin.AdminCommand.class, io.tern.server.admin.BackupCommand.class,
                io.tern.server.admin.RestoreCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--port", description = "HTTP and WebSocket port (default 8080)")
    Integer port;

    @Option(names = "--data-dir", description = "directory of the SQLite database (default ./data)")
    Path dataDir;

    @Option(names = "--config", description = "properties file with configuration keys")
    Path config;

    @Option(names = "--set", description = "override one configuration key: --set session.idleTimeout=60s")
    Map<String, String> overrides = new HashMap<>();

    /** Status of a process stopped because a thread it cannot run without died (EX_SOFTWARE). */
    static final int FATAL_STATUS = 70;

    /**
     * After a writer or delivery thread died (already logged at ERROR): exit so a supervisor restarts the node.
     * On a thread of its own, as the shutdown hook waits for the dying thread; halts if the orderly shutdown
     * itself hangs.
     */
    private static void exitOnFatal(String thread, Throwable error) {
        Thread exit = new Thread(() -> System.exit(FATAL_STATUS), "tern-fatal-exit");
        exit.start();
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(FATAL_STATUS);
        }, "tern-fatal-halt");
        halt.setDaemon(true);
        halt.start();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> all = new HashMap<>(overrides);
        if (port != null) {
            all.put(ConfigKeys.PORT.name(), port.toString());
        }
        if (dataDir != null) {
            all.put(ConfigKeys.DATA_DIR.name(), dataDir.toString());
        }
        TernConfig effective;
        try {
            effective = ConfigLoader.load(config, System.getenv(), all);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        TernServer server;
        try {
            server = TernServer.start(effective, TernServer.Environment.system().withFatal(Main::exitOnFatal));
        } catch (StartupException e) {
            System.err.println("tern-server: " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            // one line, not a stack trace; the cause chain's last message is the one that says what broke
            System.err.println("tern-server: cannot start: " + StartupFailures.oneLine(e));
            return StartupException.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tern-shutdown"));
        server.stopped().thenRun(stopped::countDown); // a drain ordered with exit stopped the node by itself
        stopped.await();
        return 0;
    }
}
