package io.tern.client;

import io.tern.server.TernServer;
import io.tern.server.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real Tern server in this JVM on a free port, and the clients of a test, all closed together. Public for
 * the console client's tests in {@code io.tern.client.cli}.
 */
public final class LocalServer implements AutoCloseable {
    public static final String PASSWORD = "correct horse battery";

    private final TernServer server;
    private final List<TernClient> clients = new ArrayList<>();

    public LocalServer(Path dataDir) {
        this(dataDir, Clock.systemUTC(), Map.of());
    }

    public LocalServer(Path dataDir, Clock clock, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of("server.port", "0", "store.dataDir", dataDir.toString(),
                "auth.bcryptCost", "4"));
        config.putAll(overrides);
        this.server = TernServer.start(ConfigLoader.load(null, Map.of(), config), clock);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    /** The server itself, for what a client cannot cause (e.g. an operator moving sessions off). */
    public TernServer server() {
        return server;
    }

    /** Registers the user (with {@link #PASSWORD}) without connecting; returns the user id. */
    public long register(String username) {
        try (TernClient client = TernClient.create(config(username, message -> { }).build())) {
            return await(client.register());
        }
    }

    ClientConfig.Builder config(String username, MessageListener listener) {
        return ClientConfig.builder(uri(), username, PASSWORD).messageListener(listener);
    }

    /** A client that is closed with the server; {@code customize} adjusts its configuration. */
    TernClient client(String username, MessageListener listener, UnaryOperator<ClientConfig.Builder> customize) {
        TernClient client = TernClient.create(customize.apply(config(username, listener)).build());
        clients.add(client);
        return client;
    }

    /** Registers the user and connects a client for it. */
    TernClient registered(String username, MessageListener listener) {
        TernClient client = client(username, listener, b -> b);
        await(client.register());
        await(client.connect());
        return client;
    }

    /** Waits for a future of the client, but never forever. */
    public static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        return future.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    static String conversation(long a, long b) {
        return "p:" + Math.min(a, b) + ":" + Math.max(a, b);
    }

    @Override
    public void close() {
        clients.forEach(TernClient::close);
        server.close();
    }
}
