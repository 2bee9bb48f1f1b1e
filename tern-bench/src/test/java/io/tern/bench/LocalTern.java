package io.tern.bench;

import io.tern.server.TernServer;
import io.tern.server.config.ConfigKeys;
import io.tern.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A real Tern server in this JVM on a free port with its own data directory, fast bcrypt as for benchmarks. */
final class LocalTern implements AutoCloseable {
    private final Path dataDir;
    private final TernServer server;

    LocalTern(Map<String, String> overrides) throws IOException {
        this.dataDir = Files.createTempDirectory("tern-bench-test");
        Map<String, String> config = new HashMap<>(Map.of("server.port", "0", "server.host", "127.0.0.1",
                "store.dataDir", dataDir.toString(), "auth.bcryptCost", "4"));
        // a benchmark comes from one address: the server's per-address and per-user limits are off, as the
        // bench's help says (only the keys this server version knows)
        for (String key : new String[] {"limits.messagesPerSecond", "limits.loginsPerMinute",
                "limits.registrationsPerHour", "limits.connectionsPerAddress"}) {
            if (ConfigKeys.ALL.stream().anyMatch(k -> k.name().equals(key))) {
                config.put(key, "0");
            }
        }
        config.putAll(overrides);
        this.server = TernServer.start(ConfigLoader.load(null, Map.of(), config), Clock.systemUTC());
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
