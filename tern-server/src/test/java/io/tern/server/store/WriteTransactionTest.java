package io.tern.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer connection runs one transaction at a time whoever asks: a second write transaction started while one
 * is open waits for it instead of failing with SQLite's "cannot start a transaction within a transaction" (two
 * stores on one database, as MessageWriterTest has, once failed a commit that way).
 */
class WriteTransactionTest {
    @TempDir
    Path dir;
    private Database database;

    @BeforeEach
    void open() {
        TernConfig config = ConfigLoader.load(null, Map.of(), Map.of("store.dataDir", dir.toString()));
        database = Database.sqlite(config.store());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void secondWriteTransaction_waitsForTheOpenOne_insteadOfFailing() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> write(() -> {
            inFirst.countDown();
            waitFor(releaseFirst);
            return 1;
        }));
        assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
        Thread[] secondThread = new Thread[1];
        CompletableFuture<Integer> second = new CompletableFuture<>();
        secondThread[0] = new Thread(() -> {
            try {
                second.complete(write(() -> 2));
            } catch (RuntimeException e) {
                second.completeExceptionally(e);
            }
        }, "second-writer");
        secondThread[0].start();
        // the second one must queue behind the open transaction (blocked), not fail at its BEGIN
        await().atMost(Duration.ofSeconds(10)).until(() -> second.isDone()
                || secondThread[0].getState() == Thread.State.BLOCKED);
        assertThat(second).isNotDone();
        releaseFirst.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        secondThread[0].join(10_000);
    }

    private int write(java.util.function.IntSupplier body) {
        try {
            return database.inWriteTransaction(c -> {
                try (var st = c.createStatement()) {
                    st.execute("CREATE TABLE IF NOT EXISTS probe (n INTEGER)");
                    st.execute("INSERT INTO probe VALUES (1)");
                }
                return body.getAsInt();
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
