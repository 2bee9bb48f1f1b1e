package io.tern.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * A real Redis and a real PostgreSQL for cluster tests, from Maven artifacts that ship the server binaries,
 * on free ports, with their files in a temporary directory. Either can be stopped and started again on the
 * same port (PostgreSQL keeps its data; Redis starts empty, as after a crash without persistence). Everything
 * is stopped and deleted by {@link #close()}.
 */
public final class ClusterStack implements AutoCloseable {
    public static final String OPS_TOKEN = "ops-secret";

    private final Path dir;
    private final int pgPort;
    private final int redisPort;
    private EmbeddedPostgres postgres;
    private RedisServer redis;

    private ClusterStack(Path dir, int pgPort, int redisPort) {
        this.dir = dir;
        this.pgPort = pgPort;
        this.redisPort = redisPort;
    }

    public static ClusterStack start() {
        try {
            ClusterStack stack = new ClusterStack(Files.createTempDirectory("tern-cluster"), freePort(), freePort());
            stack.startPostgres();
            stack.startRedis();
            stack.createDatabase();
            return stack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Free ports and a directory, but neither Redis nor PostgreSQL running yet: for tests that start a node
     * first. Nodes of such a stack use {@link #postgresJdbcUrl()}, as the tern database is not there yet.
     */
    public static ClusterStack unstarted() {
        try {
            return new ClusterStack(Files.createTempDirectory("tern-cluster"), freePort(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database every PostgreSQL server has from the start. */
    public String postgresJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/tern";
    }

    public String redisUri() {
        return "redis://127.0.0.1:" + redisPort;
    }

    /** The configuration of cluster node {@code nodeId} (fast heartbeat and TTL, so tests stay short). */
    public Map<String, String> node(int nodeId) {
        Map<String, String> config = new HashMap<>();
        config.put("store.kind", "POSTGRES");
        config.put("store.jdbcUrl", jdbcUrl());
        config.put("store.username", "postgres");
        config.put("store.password", "postgres");
        config.put("store.poolSize", "6");
        config.put("cluster.mode", "REDIS");
        config.put("cluster.nodeId", Integer.toString(nodeId));
        config.put("cluster.redisUri", redisUri());
        config.put("cluster.heartbeat", "500ms");
        config.put("cluster.ttl", "3s");
        config.put("cluster.loginStaleAfter", "1200ms");
        config.put("cluster.opsToken", OPS_TOKEN);
        return config;
    }

    /** The same configuration as command-line arguments for {@link ServerProcess}. */
    public String[] nodeArgs(int nodeId) {
        return node(nodeId).entrySet().stream().flatMap(e -> java.util.stream.Stream.of("--set", e.getKey() + "=" + e.getValue()))
                .toArray(String[]::new);
    }

    public synchronized void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(pgPort)
                .setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off") // test speed; durability is PostgreSQL's business, not ours
                .start();
    }

    public synchronized void stopPostgres() throws IOException {
        postgres.close();
        postgres = null;
    }

    public synchronized void startRedis() throws IOException {
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        redis.start();
    }

    public synchronized void stopRedis() throws IOException {
        redis.stop();
        redis = null;
    }

    private void createDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE tern");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (redis != null) {
                redis.stop();
            }
        } catch (IOException ignored) {
            // stopping anyway
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException ignored) {
            // stopping anyway
        }
        TestServer.deleteRecursively(dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
