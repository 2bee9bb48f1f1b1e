package io.tern.it;

import io.tern.client.ClientConfig;
import io.tern.client.ConnectionListener;
import io.tern.client.MessageListener;
import io.tern.client.TernClient;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.Http;
import io.tern.server.support.ServerProcess;
import io.tern.server.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis, PostgreSQL, three node processes and a balancer in front of their HTTP API, plus the SDK clients
 * of a test; {@link #close()} stops and deletes all of it.
 */
final class ThreeNodes implements AutoCloseable {
    static final String PASSWORD = "password-1"; // what the server tests' Http helper registers with

    private final ClusterStack stack;
    private final Path dir;
    private final ServerProcess[] nodes = new ServerProcess[3];
    private final TcpBalancer balancer;
    private final List<TernClient> clients = new ArrayList<>();
    /** Logs of node processes that were replaced by a restart. */
    private final List<String> retiredLogs = new ArrayList<>();

    /** Settings on top of the stack's, for every node this cluster starts. */
    private final String[] extraArgs;
    /** The replica and Sentinel of the stack's Redis, when the nodes reach Redis through a Sentinel. */
    private final SentinelPair sentinel;

    private ThreeNodes(ClusterStack stack, Path dir, SentinelPair sentinel, String[] extraArgs) throws IOException {
        this.stack = stack;
        this.dir = dir;
        this.sentinel = sentinel;
        this.extraArgs = extraArgs;
        try {
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = startNode(i);
            }
        } catch (RuntimeException e) { // the nodes that did start must not outlive the test
            for (ServerProcess n : nodes) {
                if (n != null) {
                    n.kill();
                }
            }
            TestServer.deleteRecursively(dir);
            throw e;
        }
        List<Integer> ports = new ArrayList<>();
        for (ServerProcess n : nodes) {
            ports.add(n.port());
        }
        this.balancer = new TcpBalancer(ports);
    }

    static ThreeNodes start(String... extraArgs) {
        return start(false, extraArgs);
    }

    /**
     * The same, but the nodes reach Redis through a Sentinel watching the stack's Redis (the primary) and a
     * replica of it: {@link #failOverRedis()} then stops the primary.
     */
    static ThreeNodes startOnSentinel(String... extraArgs) {
        return start(true, extraArgs);
    }

    private static ThreeNodes start(boolean withSentinel, String... extraArgs) {
        ClusterStack stack = ClusterStack.start();
        SentinelPair sentinel = null;
        try {
            String[] args = extraArgs;
            if (withSentinel) {
                sentinel = new SentinelPair(URI.create(stack.redisUri()).getPort());
                args = java.util.stream.Stream.concat(java.util.Arrays.stream(extraArgs),
                        java.util.stream.Stream.of("--set", "cluster.redisUri=" + sentinel.uri())).toArray(String[]::new);
            }
            return new ThreeNodes(stack, Files.createTempDirectory("tern-it"), sentinel, args);
        } catch (IOException | RuntimeException e) {
            if (sentinel != null) {
                sentinel.close();
            }
            stack.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * Stops the Redis primary and returns once the Sentinel has promoted the replica; the nodes must follow it.
     */
    void failOverRedis(Duration atMost) throws IOException {
        if (sentinel == null) {
            throw new IllegalStateException("started without a Sentinel");
        }
        stack.stopRedis();
        sentinel.awaitReplicaPromoted(atMost);
    }

    ClusterStack stack() {
        return stack;
    }

    ServerProcess node(int i) {
        return nodes[i];
    }

    Http http(int i) {
        return nodes[i].http();
    }

    URI balancerUri() {
        return URI.create("http://127.0.0.1:" + balancer.port());
    }

    /** SIGKILL: no shutdown hook, no drain, nothing flushed. */
    void kill(int i) {
        nodes[i].kill();
    }

    /** Starts node {@code i} again (same node id, new port) and puts it behind the balancer. */
    void restart(int i) {
        int old = nodes[i].port();
        retiredLogs.add("node" + i + "-before-restart\n" + String.join("\n", nodes[i].output()));
        nodes[i] = startNode(i);
        balancer.replace(old, nodes[i].port());
    }

    /** An SDK client logging in through the balancer, reconnecting fast; closed with the cluster. */
    TernClient client(String username, MessageListener listener) {
        return client(username, listener, (state, cause) -> { });
    }

    /** The same, telling {@code connection} of every change of the connection's state. */
    TernClient client(String username, MessageListener listener, ConnectionListener connection) {
        TernClient client = TernClient.create(ClientConfig.builder(balancerUri(), username, PASSWORD)
                .messageListener(listener)
                .connectionListener(connection)
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .heartbeatInterval(Duration.ofSeconds(2))
                .build());
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    private ServerProcess startNode(int i) {
        try {
            List<String> args = new ArrayList<>(List.of(stack.nodeArgs(i)));
            args.addAll(List.of(extraArgs));
            return ServerProcess.start(Files.createDirectories(dir.resolve("node" + i)), args.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every node's log to target/cluster-logs/, for looking into a failure. */
    void saveLogs(String name) {
        try {
            Path logs = Files.createDirectories(Path.of("target", "cluster-logs"));
            List<String> all = new ArrayList<>(retiredLogs);
            for (int i = 0; i < nodes.length; i++) {
                all.add("node" + i + "\n" + String.join("\n", nodes[i].output()));
            }
            for (int k = 0; k < all.size(); k++) {
                Files.writeString(logs.resolve(name + "-" + k + ".log"), all.get(k));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(TernClient::close);
        }
        try {
            balancer.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (ServerProcess n : nodes) {
            if (n != null) {
                n.kill();
            }
        }
        if (sentinel != null) {
            sentinel.close();
        }
        stack.close();
        TestServer.deleteRecursively(dir);
    }
}
