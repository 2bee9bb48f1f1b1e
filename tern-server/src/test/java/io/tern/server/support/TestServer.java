package io.tern.server.support;

import io.tern.server.TernServer;
import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A real server on a free port with its own temporary data directory; fast bcrypt for tests. */
public final class TestServer implements AutoCloseable {
    /** Overrides that switch every abuse limit off. */
    public static final Map<String, String> NO_LIMITS = Map.of("limits.messagesPerSecond", "0",
            "limits.loginsPerMinute", "0", "limits.registrationsPerHour", "0",
            "limits.loginFailuresBeforeBackoff", "0", "limits.connectionsPerUser", "0",
            "limits.connectionsPerAddress", "0");
    private final Path dataDir;
    private final TernServer server;
    private final Http http;
    private final Map<String, String> overrides;
    private final TernServer.Environment env;

    private TestServer(Path dataDir, TernServer server, Map<String, String> overrides, TernServer.Environment env) {
        this.dataDir = dataDir;
        this.server = server;
        this.http = new Http("http://127.0.0.1:" + server.port());
        this.overrides = overrides;
        this.env = env;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    public static TestServer start(Map<String, String> overrides) {
        try {
            return start(Files.createTempDirectory("tern-test"), overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(Map<String, String> overrides, java.time.Clock clock) {
        try {
            return start(Files.createTempDirectory("tern-test"), overrides, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(Path dataDir, Map<String, String> overrides) {
        return start(dataDir, overrides, Clock.systemUTC());
    }

    public static TestServer start(Path dataDir, Map<String, String> overrides, Clock clock) {
        return start(dataDir, overrides, TernServer.Environment.system().withClock(clock));
    }

    /** A server whose intervals follow {@code ticker}, which the test advances instead of sleeping. */
    public static TestServer start(Map<String, String> overrides, io.tern.server.core.Ticker ticker) {
        return start(overrides, TernServer.Environment.system().withTicker(ticker));
    }

    /** With a ticker, a fatal-error handler or store wrappers of the test's choosing. */
    public static TestServer start(Map<String, String> overrides, TernServer.Environment env) {
        try {
            return start(Files.createTempDirectory("tern-test"), overrides, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(Path dataDir, Map<String, String> overrides, TernServer.Environment env) {
        Map<String, String> all = new HashMap<>();
        all.put("server.port", "0");
        all.put("server.host", "127.0.0.1");
        all.put("store.dataDir", dataDir.toString());
        all.put("auth.bcryptCost", "4");
        // tests register and connect many users from one address; LimitsTest turns the limits back on
        all.putAll(NO_LIMITS);
        all.putAll(PostgresForTests.storeOverrides()); // -Dtern.test.store=postgres: the same tests on PostgreSQL
        all.putAll(overrides);
        TernConfig config = ConfigLoader.load(null, Map.of(), all);
        return new TestServer(dataDir, TernServer.start(config, env), Map.copyOf(overrides), env);
    }

    public int port() {
        return server.port();
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port() + "/ws";
    }

    public Http http() {
        return http;
    }

    public TernServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server but keeps its data directory, for a restart on the same store. */
    public void stopKeepingData() {
        server.close();
    }

    /** Registers a user and logs in; the returned user can open WebSocket connections. */
    public TestUser user(String username) {
        return http.registerAndLogin(username, null);
    }

    /**
     * Connects a device of the user and waits until the server registered its session (or refused it and closed
     * the connection): the client sees the handshake answer before the server's event loop registers the session,
     * and a message committed in between is not pushed to it (it would get it by SYNC, which tests rarely send).
     */
    public WsTestClient connect(TestUser user) {
        long newest = server.sessions().sessionsOf(user.userId()).stream()
                .mapToLong(io.tern.server.core.session.DeviceSession::id).max().orElse(Long.MIN_VALUE);
        WsTestClient client = WsTestClient.connect(wsUrl() + "?token=" + user.token());
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> client.isClosed() || server.sessions().sessionsOf(user.userId()).stream()
                            .anyMatch(s -> s.id() > newest));
        } catch (org.awaitility.core.ConditionTimeoutException notRegistered) {
            // left to the test: it may expect a refusal that comes later
        }
        return client;
    }

    /**
     * Stops this server (a clean shutdown: sessions are kicked, the writer drains) and starts a new one on the
     * same data directory with the same settings, on a new free port. This instance must not be used or closed
     * afterwards; close the returned one.
     */
    public TestServer restart() {
        server.close();
        return start(dataDir, overrides, env);
    }

    @Override
    public void close() {
        server.close();
        deleteRecursively(dataDir);
    }

    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files; nothing to do
        }
    }
}
