package io.tern.server.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.store.Database;
import io.tern.server.store.JdbcMessageStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single writer against a real SQLite file: commit order, what runs after a commit, and what it answers. */
class MessageWriterTest {
    @TempDir
    Path dir;
    private Database database;
    private MessageWriter writer;
    private long alice;
    private long bob;

    @BeforeEach
    void start() throws Exception {
        TernConfig config = ConfigLoader.load(null, Map.of(), Map.of("store.dataDir", dir.toString()));
        database = Database.open(config.store());
        Clock clock = Clock.systemUTC();
        writer = new MessageWriter(new JdbcMessageStore(database), new MsgIds(clock, 0), clock, 50, 1 << 20, 10_000, 64 << 20,
                new TernMetrics(new SimpleMeterRegistry()), (thread, error) -> { }, MessageWriter.Pass.NONE);
        alice = account("alice");
        bob = account("bob");
    }

    @AfterEach
    void stop() {
        writer.close();
        database.close();
    }

    @Test
    void manyDrafts_getGaplessSeqs_andAfterCommitRunsInSeqOrder() throws Exception {
        List<Long> afterCommitOrder = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Appended>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(writer.submit(Draft.direct(alice, "c" + i, bob, "{\"contentType\":1,\"body\":\"" + i + "\"}"),
                    a -> afterCommitOrder.add(a.message().seq())));
        }
        for (int i = 0; i < futures.size(); i++) {
            Appended a = futures.get(i).get(10, TimeUnit.SECONDS);
            assertThat(a.outcome()).isEqualTo(Outcome.STORED);
            assertThat(a.message().seq()).isEqualTo(i + 1);
            assertThat(a.recipients()).containsExactly(Math.min(alice, bob), Math.max(alice, bob));
        }
        // a batch's answers complete before its fan-out runs: the last callbacks may still be on their way
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> afterCommitOrder.size() == 200);
        assertThat(afterCommitOrder).isSorted().hasSize(200);
    }

    @Test
    void answers_doNotWaitForTheFanOutOfTheirBatch() throws Exception {
        // the fan-out of the batch is held until every answer of it is seen: with answers after fan-out, this hangs
        CountDownLatch answered = new CountDownLatch(1);
        CompletableFuture<Appended> held = writer.submit(Draft.direct(alice, "h", bob, "{\"contentType\":1}"), a -> {
            try {
                answered.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.get(5, TimeUnit.SECONDS);
        answered.countDown();
        assertThat(held.get().outcome()).isEqualTo(Outcome.STORED);
    }

    @Test
    void batches_areCutByBytes_beforeTheCountBound() throws Exception {
        // the first commit is held until 40 more drafts of ~1.3 KB wait; the next batches may hold 2 of them each
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        var store = new io.tern.server.support.ForwardingMessageStore(new JdbcMessageStore(database)) {
            @Override
            public List<Appended> commit(List<Draft> drafts, List<CursorUpdate> cursors, long now,
                                         java.util.function.Supplier<String> msgIds) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (!drafts.isEmpty()) {
                    sizes.add(drafts.size());
                }
                return super.commit(drafts, cursors, now, msgIds);
            }
        };
        Clock clock = Clock.systemUTC();
        MessageWriter small = new MessageWriter(store, new MsgIds(clock, 0), clock, 1000, 3000, 10_000, 64 << 20,
                new TernMetrics(new SimpleMeterRegistry()), (thread, error) -> { }, MessageWriter.Pass.NONE);
        try {
            String body = "{\"contentType\":1,\"body\":\"" + "x".repeat(1000) + "\"}";
            List<CompletableFuture<Appended>> futures = new ArrayList<>();
            futures.add(small.submit(Draft.direct(alice, "first", bob, body)));
            for (int i = 0; i < 40; i++) {
                futures.add(small.submit(Draft.direct(alice, "b" + i, bob, body)));
            }
            release.countDown();
            for (CompletableFuture<Appended> f : futures) {
                assertThat(f.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.STORED);
            }
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(41);
            assertThat(sizes).allMatch(n -> n <= 3).hasSizeGreaterThanOrEqualTo(14);
        } finally {
            small.close();
        }
    }

    @Test
    void resend_isTheOriginal_andAReusedIdWithOtherContentIsAConflict() throws Exception {
        Appended first = writer.submit(Draft.direct(alice, "k", bob, "{\"contentType\":1,\"body\":\"a\"}"))
                .get(10, TimeUnit.SECONDS);
        Appended again = writer.submit(Draft.direct(alice, "k", bob, "{\"contentType\":1,\"body\":\"a\"}"))
                .get(10, TimeUnit.SECONDS);
        Appended other = writer.submit(Draft.direct(alice, "k", bob, "{\"contentType\":1,\"body\":\"b\"}"))
                .get(10, TimeUnit.SECONDS);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.message()).isEqualTo(first.message());
        assertThat(other.outcome()).isEqualTo(Outcome.IDEMPOTENCY_CONFLICT);
        assertThat(other.message()).isNull();
    }

    @Test
    void close_commitsWhatIsQueued() throws Exception {
        List<CompletableFuture<Appended>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(writer.submit(Draft.direct(alice, "q" + i, bob, "{\"contentType\":1}")));
        }
        writer.close();
        for (CompletableFuture<Appended> f : futures) {
            assertThat(f).isCompleted();
            assertThat(f.get().outcome()).isEqualTo(Outcome.STORED);
        }
    }

    private long account(String name) throws Exception {
        try (Connection c = database.pool().getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO accounts (username, password_hash, created_at) VALUES (?, 'x', 0) RETURNING id")) {
            st.setString(1, name);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void quietWriter_bringsTheSearchIndexAllTheWayUp_sliceAfterSlice() throws Exception {
        List<CompletableFuture<Appended>> futures = new ArrayList<>();
        for (int i = 0; i < 3 * MessageWriter.SEARCH_SLICE + 7; i++) {
            futures.add(writer.submit(Draft.direct(alice, "s" + i, bob, "{\"contentType\":1,\"body\":\"text " + i
                    + "\"}"), a -> { }));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        // nothing more arrives: the first quiet moment indexes every slice, not one slice per quiet moment
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            try (java.sql.Connection c = database.pool().getConnection(); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT (SELECT indexed_through FROM search_progress), "
                         + "(SELECT MAX(id) FROM message_text), (SELECT COUNT(*) FROM message_fts)")) {
                rs.next();
                return rs.getLong(1) == rs.getLong(2) && rs.getLong(3) == 3L * MessageWriter.SEARCH_SLICE + 7;
            }
        });
    }
}
