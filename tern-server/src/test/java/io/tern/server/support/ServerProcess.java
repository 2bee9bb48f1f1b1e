package io.tern.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Tern server in its own JVM, so a test can kill it with SIGKILL. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

    private final Process process;
    private final int port;
    private final List<String> output;

    private ServerProcess(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    public static ServerProcess start(Path dataDir, String... extraArgs) {
        return launch(dataDir, extraArgs).await(180);
    }

    /** A node process that was started and may not listen yet (it may be waiting for PostgreSQL or Redis). */
    public static final class Launch {
        private final Process process;
        private final List<String> lines;
        private final CompletableFuture<Integer> port;

        private Launch(Process process, List<String> lines, CompletableFuture<Integer> port) {
            this.process = process;
            this.lines = lines;
            this.port = port;
        }

        /** What the process printed so far. */
        public List<String> output() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        public boolean alive() {
            return process.isAlive();
        }

        /** Waits until it listens; kills it if it does not within {@code seconds}. */
        public ServerProcess await(int seconds) {
            try {
                return new ServerProcess(process, port.get(seconds, TimeUnit.SECONDS), lines);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("server process did not start", e);
            }
        }
    }

    /** Starts a node process without waiting for it to listen. */
    public static Launch launch(Path dataDir, String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.tern.server.Main",
                "--port", "0", "--data-dir", dataDir.toString(),
                "--set", "auth.bcryptCost=4", "--set", "server.host=127.0.0.1"));
        TestServer.NO_LIMITS.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
        command.addAll(List.of(extraArgs));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<Integer> port = new CompletableFuture<>();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                } catch (IOException ignored) {
                    // process ended
                }
                synchronized (lines) {
                    port.completeExceptionally(new IllegalStateException("server exited: " + lines));
                }
            }, "server-process-output");
            reader.setDaemon(true);
            reader.start();
            // the caller's wait is generous: on a busy machine a node may wait for PostgreSQL and Redis before it listens
            return new Launch(process, lines, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the process printed so far (its log), for a test to show when it fails. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    public int port() {
        return port;
    }

    public Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    /** The exit status once the process ended by itself, or null if it still runs after {@code seconds}. */
    public Integer awaitExit(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
