package io.tern.bench.suite;

import io.tern.bench.cli.RelayCommand;
import io.tern.bench.target.SetupFailure;
import io.tern.bench.target.TernHttp;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A server process the suite starts and stops: Tern from its jar with a fresh data directory, or the bare
 * relay from the bench's own class path ({@code tern-bench relay}). Both start the same way: the same
 * java, the same JVM options, on a free loopback port, under {@code taskset -c CPUS} when cores are
 * given; output goes to a log file. Stopped with SIGTERM (both shut down cleanly on it), killed if that
 * takes longer than 30 s.
 */
public final class ServerProcess implements AutoCloseable {
    /** Which server. */
    public enum Kind { TERN, RELAY }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Kind kind;
    private final Process process;
    private final int port;
    private final Path log;
    private final Path dataDir;
    private final List<String> command;

    private ServerProcess(Kind kind, Process process, int port, Path log, Path dataDir, List<String> command) {
        this.kind = kind;
        this.process = process;
        this.port = port;
        this.log = log;
        this.dataDir = dataDir;
        this.command = command;
    }

    /**
     * Where and how to start a server. {@code cpus} is a taskset list ("1", "0-1") or null. {@code ternJar}
     * null runs Tern's main class from this process's class path (tests, where the server is a dependency).
     */
    public record Launch(Path ternJar, List<String> ternSets, String cpus, List<String> jvmOptions) {
    }

    /** Starts one server and waits until it is ready (Tern: /readyz answers 200; relay: it says it listens). */
    public static ServerProcess start(Kind kind, Launch launch, Path log) throws IOException {
        int port = freePort();
        Path dataDir = kind == Kind.TERN ? Files.createTempDirectory("tern-suite-data-") : null;
        List<String> command = command(kind, launch, port, dataDir, javaExecutable(), System.getProperty("java.class.path"));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(kind, p, port, log, dataDir, command);
        try {
            server.awaitReady();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The command line of a server (a pure function, so a test can check it). */
    static List<String> command(Kind kind, Launch launch, int port, Path dataDir, String java, String classPath) {
        List<String> c = new ArrayList<>();
        if (launch.cpus() != null && !launch.cpus().isBlank()) {
            c.addAll(List.of("taskset", "-c", launch.cpus()));
        }
        c.add(java);
        c.addAll(launch.jvmOptions());
        if (kind == Kind.TERN) {
            c.addAll(launch.ternJar() == null ? List.of("-cp", classPath, "io.tern.server.Main")
                    : List.of("-jar", launch.ternJar().toString()));
            c.addAll(List.of("--port", Integer.toString(port), "--data-dir", dataDir.toString()));
            for (String set : launch.ternSets()) {
                c.add("--set");
                c.add(set);
            }
        } else {
            c.addAll(List.of("-cp", classPath, "io.tern.bench.TernBench", "relay", "--port", Integer.toString(port)));
        }
        return c;
    }

    public Kind kind() {
        return kind;
    }

    public long pid() {
        return process.pid();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path log() {
        return log;
    }

    /** The command as reports and errors show it: secrets' values masked ({@link #masked}). */
    public String commandLine() {
        return String.join(" ", command.stream().map(ServerProcess::masked).toList());
    }

    /**
     * A {@code key=value} (or {@code --set=key=value}) whose key looks like a secret — it ends in password,
     * secret, token or key, the rule of the server's own start-up log — with its value as {@code ****};
     * anything else as it is. Reports are meant to be shared.
     */
    public static String masked(String arg) {
        String prefix = arg.startsWith("--set=") ? "--set=" : "";
        String setting = arg.substring(prefix.length());
        int eq = setting.indexOf('=');
        if (eq <= 0 || setting.startsWith("-")) {
            return arg;
        }
        boolean secret = setting.substring(0, eq).matches("(?i).*(password|secret|token|key)$");
        return secret ? prefix + setting.substring(0, eq + 1) + "****" : arg;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        TernHttp http = kind == Kind.TERN ? new TernHttp(baseUri()) : null;
        while (true) {
            if (!process.isAlive()) {
                throw new SetupFailure(kind.name().toLowerCase(java.util.Locale.ROOT) + " exited with status " + process.exitValue()
                        + " before it was ready: " + commandLine() + "\n" + tail());
            }
            if (ready(http)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new SetupFailure(kind.name().toLowerCase(java.util.Locale.ROOT) + " not ready after " + START_TIMEOUT.toSeconds()
                        + " s: " + commandLine() + "\n" + tail());
            }
            LockSupport.parkNanos(100_000_000L);
        }
    }

    private boolean ready(TernHttp http) {
        if (http == null) {
            return tail().contains(RelayCommand.LISTENING);
        }
        try {
            return http.get("/readyz").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupFailure("interrupted while waiting for the server");
        }
    }

    /** The last lines of the log, for an error message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** SIGTERM and wait; kill after 30 s. Removes Tern's data directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a leftover temporary directory is not worth failing the suite for
            }
        }
    }

    /** Whether the process has ended, and its status (for tests and the report). */
    public boolean exited() {
        return !process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Fails early when cores are asked for and taskset is missing. */
    public static void checkTaskset(String cpus) {
        if (cpus == null || cpus.isBlank()) {
            return;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "taskset"))) {
                return;
            }
        }
        throw new SetupFailure("--cpus needs taskset (util-linux) on the PATH");
    }
}
