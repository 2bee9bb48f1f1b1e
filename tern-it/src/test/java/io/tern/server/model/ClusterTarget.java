package io.tern.server.model;

import io.tern.server.support.ClusterStack;
import io.tern.server.support.Http;
import io.tern.server.support.ServerProcess;
import io.tern.server.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Three node processes on an embedded PostgreSQL and Redis. Device i connects to node i % 3; HTTP requests go
 * round-robin over the nodes; a restart kills one node with SIGKILL (the next in turn) and starts it again.
 */
final class ClusterTarget implements Target {
    @Override
    public boolean pushesMaySkip() {
        return true;
    }

    private final ClusterStack stack;
    private final Path dir;
    private final ServerProcess[] nodes = new ServerProcess[3];
    private int nextHttp;
    private int nextKill;

    ClusterTarget() {
        stack = ClusterStack.start();
        try {
            dir = Files.createTempDirectory("tern-model-cluster");
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = start(i);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private ServerProcess start(int i) {
        List<String> args = new ArrayList<>(List.of(stack.nodeArgs(i)));
        ModelDriver.SETTINGS.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        try {
            return ServerProcess.start(Files.createDirectories(dir.resolve("node" + i)), args.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String wsUrl(int device) {
        return nodes[device % nodes.length].wsUrl();
    }

    @Override
    public Http http() {
        return nodes[nextHttp++ % nodes.length].http();
    }

    @Override
    public String httpBase() {
        return "http://127.0.0.1:" + nodes[nextHttp++ % nodes.length].port();
    }

    @Override
    public IntPredicate restart() {
        int k = nextKill++ % nodes.length;
        nodes[k].kill();
        nodes[k] = start(k);
        return device -> device % nodes.length == k;
    }

    @Override
    public void close() {
        for (ServerProcess n : nodes) {
            if (n != null) {
                n.kill();
            }
        }
        stack.close();
        if (dir != null) {
            TestServer.deleteRecursively(dir);
        }
    }
}
