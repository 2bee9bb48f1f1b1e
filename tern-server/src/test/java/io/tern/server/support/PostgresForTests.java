package io.tern.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the ordinary server tests on PostgreSQL instead of SQLite: with {@code -Dtern.test.store=postgres},
 * every {@link TestServer} gets a fresh database of one embedded PostgreSQL that lives as long as the test JVM.
 * This is how every SQL statement of the store is checked on both dialects.
 */
public final class PostgresForTests {
    private static final boolean ENABLED = "postgres".equalsIgnoreCase(System.getProperty("tern.test.store"));
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PostgresForTests() {
    }

    /** The store overrides for a new test server: empty when the tests run on SQLite. */
    public static Map<String, String> storeOverrides() {
        if (!ENABLED) {
            return Map.of();
        }
        String name = "t" + DATABASES.incrementAndGet();
        try (Connection c = Holder.PG.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("store.kind", "POSTGRES", "store.jdbcUrl", Holder.PG.getJdbcUrl("postgres", name),
                "store.username", "postgres", "store.password", "postgres", "store.poolSize", "4");
    }

    /** Started on first use only; zonky stops it when the JVM exits. */
    private static final class Holder {
        static final EmbeddedPostgres PG = start();

        private static EmbeddedPostgres start() {
            try {
                return EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                        .setServerConfig("max_connections", "500").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
