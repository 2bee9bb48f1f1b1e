package io.tern.server.support;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis Cluster of real {@code redis-server} processes on free ports: some primaries, each with its slots, and
 * replicas, joined with CLUSTER MEET / ADDSLOTS / REPLICATE (no redis-cli needed). The binary is Debian's Redis 7
 * ({@link #debianRedis7()}) or the Redis 6.2 that embedded-redis ships ({@link #embeddedRedis6()}). A primary can
 * be killed (SIGKILL) to make its replica take over; {@link #close()} kills every process and deletes the files.
 */
public final class RedisClusterProcesses implements AutoCloseable {
    /** Short, so a replica takes over about a second after its primary died. */
    private static final int NODE_TIMEOUT_MS = 1000;

    private final File binary;
    private File ownBinary;
    private final Path dir;
    private final Map<Integer, Process> processes = new LinkedHashMap<>();
    private final List<Integer> primaries = new ArrayList<>();
    private final RedisClient admin = RedisClient.create();

    private RedisClusterProcesses(File binary, Path dir) {
        this.binary = binary;
        this.dir = dir;
    }

    /** Debian's {@code /usr/bin/redis-server} if it is Redis 7 or later (sharded pub/sub), else null. */
    public static File debianRedis7() {
        File f = new File("/usr/bin/redis-server");
        if (!f.canExecute()) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(f.getPath(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("v=(\\d+)\\.").matcher(out);
            return m.find() && Integer.parseInt(m.group(1)) >= 7 ? f : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The Redis 6.2 binary inside the embedded-redis artifact. */
    public static File embeddedRedis6() {
        try {
            return ExecutableProvider.newJarResourceProvider().get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code primaryCount} primaries sharing the 16384 slots, each with {@code replicasEach} replicas. */
    public static RedisClusterProcesses start(File binary, int primaryCount, int replicasEach) {
        RedisClusterProcesses c;
        try {
            c = new RedisClusterProcesses(binary, Files.createTempDirectory("tern-redis-cluster"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            c.build(primaryCount, replicasEach);
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private void build(int primaryCount, int replicasEach) {
        // a copy of its own: embedded-redis extracts its binary to one shared path, which other tests' servers rewrite
        try {
            Path own = dir.resolve("redis-server");
            Files.copy(binary.toPath(), own);
            own.toFile().setExecutable(true);
            ownBinary = own.toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < primaryCount * (1 + replicasEach); i++) {
            int port = freePort();
            ports.add(port);
            launch(port);
        }
        primaries.addAll(ports.subList(0, primaryCount));
        int per = SlotHash.SLOT_COUNT / primaryCount;
        for (int i = 0; i < primaryCount; i++) {
            int from = i * per;
            int to = i == primaryCount - 1 ? SlotHash.SLOT_COUNT : from + per;
            int port = primaries.get(i);
            run(port, r -> r.clusterAddSlots(IntStream.range(from, to).toArray()));
        }
        for (int port : ports.subList(1, ports.size())) {
            run(ports.get(0), r -> r.clusterMeet("127.0.0.1", port));
        }
        for (int port : ports) {
            await().atMost(Duration.ofSeconds(30)).until(() -> call(port, r -> r.clusterNodes()).lines().count() == ports.size());
        }
        for (int i = 0; i < primaryCount; i++) {
            String primaryId = call(primaries.get(i), r -> r.clusterMyId());
            for (int k = 0; k < replicasEach; k++) {
                int replica = ports.get(primaryCount + i * replicasEach + k);
                run(replica, r -> r.clusterReplicate(primaryId));
            }
        }
        for (int port : ports) {
            await().atMost(Duration.ofSeconds(30)).until(() -> call(port, r -> r.clusterInfo()).contains("cluster_state:ok"));
        }
        for (int port : ports.subList(primaryCount, ports.size())) { // a replica can take over only once in sync
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> call(port, r -> r.info("replication")).contains("master_link_status:up"));
        }
    }

    private void launch(int port) {
        try {
            Process p = new ProcessBuilder(ownBinary.getPath(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MS),
                    "--cluster-replica-validity-factor", "0", "--save", "", "--appendonly", "no",
                    "--dir", dir.toString(), "--logfile", dir.resolve("redis-" + port + ".log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out-" + port + ".txt").toFile()).start();
            processes.put(port, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process p = processes.get(port);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> !p.isAlive() || "PONG".equals(call(port, RedisCommands::ping)));
        if (!p.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " exited with " + p.exitValue() + ": "
                    + read(dir.resolve("out-" + port + ".txt")) + read(dir.resolve("redis-" + port + ".log")));
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The URI Tern nodes are given: every server of the cluster as a seed. */
    public String uri() {
        return "redis-cluster://" + processes.keySet().stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** The port of the primary that owns the key's (or channel's) slot now. */
    public int primaryOwning(String key) {
        int slot = SlotHash.getSlot(key);
        for (int port : processes.keySet()) {
            if (!processes.get(port).isAlive()) {
                continue;
            }
            for (Object range : call(port, RedisCommands::clusterSlots)) {
                List<?> r = (List<?>) range;
                if (((Number) r.get(0)).intValue() <= slot && slot <= ((Number) r.get(1)).intValue()) {
                    return ((Number) ((List<?>) r.get(2)).get(1)).intValue();
                }
            }
        }
        throw new IllegalStateException("no live server knows the owner of slot " + slot);
    }

    /** Kills the server at once (SIGKILL): no goodbye to the cluster, exactly like a crash. */
    public void kill(int port) {
        Process p = processes.get(port);
        p.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !p.isAlive());
    }

    /** Runs a command on one server, with a fresh connection (for tests; not fast). */
    public <T> T call(int port, java.util.function.Function<RedisCommands<String, String>, T> command) {
        try (StatefulRedisConnection<String, String> c = admin.connect(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                .withTimeout(Duration.ofSeconds(5)).build())) {
            return command.apply(c.sync());
        }
    }

    private void run(int port, java.util.function.Function<RedisCommands<String, String>, ?> command) {
        call(port, command);
    }

    /** The live servers' ports. */
    public List<Integer> livePorts() {
        return processes.entrySet().stream().filter(e -> e.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroyForcibly);
        for (Process p : processes.values()) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        admin.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        TestServer.deleteRecursively(dir);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
