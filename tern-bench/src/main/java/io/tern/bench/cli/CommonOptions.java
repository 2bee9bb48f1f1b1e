package io.tern.bench.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options every scenario takes. */
public final class CommonOptions {
    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "Tern base URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--out", defaultValue = "bench-results", paramLabel = "DIR",
            description = "Directory for <scenario>-<timestamp>.json and .html (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--source-addresses", defaultValue = "1", paramLabel = "N",
            description = "Bind client sockets round-robin to 127.0.0.2 .. 127.0.0.(N+1), ~28,000 ports each; "
                    + "1 (default) does not bind.")
    int sourceAddresses;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Measured time (connect: hold time). Default 30s (connect: 60s).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Load before the measured window, not counted (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--drain-timeout", defaultValue = "15s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Longest wait for in-flight messages after the window (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--user-prefix", paramLabel = "PREFIX",
            description = "Usernames are PREFIX-<role><n>; default bench-<run id>, new users per run. Reuse a "
                    + "prefix to skip registration (existing users are logged in).")
    String userPrefix;

    @Option(names = "--password", defaultValue = "bench-password-1",
            description = "Password of the bench users (default: ${DEFAULT-VALUE}).")
    String password;

    @Option(names = "--login-concurrency", defaultValue = "8", paramLabel = "N",
            description = "Register/login requests in flight (default: ${DEFAULT-VALUE}).")
    int loginConcurrency;

    @Option(names = "--connect-concurrency", defaultValue = "200", paramLabel = "N",
            description = "WebSocket handshakes in flight while connecting (default: ${DEFAULT-VALUE}).")
    int connectConcurrency;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's process id, when it runs on this machine: the report splits CPU use into "
                    + "server, bench and other processes; connect also forces a full GC (jcmd PID GC.run) before "
                    + "each memory reading and reads RSS from /proc if /metrics lacks it.")
    Long serverPid;

    @Option(names = "--quiet", description = "No per-second progress lines.")
    boolean quiet;

    Duration durationOr(Duration fallback) {
        return duration != null ? duration : fallback;
    }
}
