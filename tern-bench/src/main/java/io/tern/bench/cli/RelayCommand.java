package io.tern.bench.cli;

import io.tern.bench.baseline.RelayServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay}: the bare relay as a process of its own, started like the server, so that Tern and the
 * relay run under the same conditions (own JVM, own heap, own CPU account, pinned with taskset alike).
 */
@Command(name = "relay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the bare Netty WebSocket relay (no auth, no store) until SIGTERM or Ctrl-C.",
                "Point the load at it with 'p2p --relay http://HOST:PORT --server-pid <its pid>'. It prints one line "
                        + "when it listens: 'tern-bench relay listening on HOST:PORT (pid N)'. Pin it like the server: "
                        + "taskset -c 1 java -jar tern-bench.jar relay --port 9090"})
public final class RelayCommand implements Callable<Integer> {
    /** The start of the line printed once the relay accepts connections. */
    public static final String LISTENING = "tern-bench relay listening on ";

    @Option(names = "--port", defaultValue = "9090", paramLabel = "P",
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one and prints it).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        RelayServer relay = RelayServer.start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            stopped.countDown();
        }, "relay-shutdown"));
        System.out.println(LISTENING + relay.host() + ":" + relay.port() + " (pid " + ProcessHandle.current().pid()
                + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
