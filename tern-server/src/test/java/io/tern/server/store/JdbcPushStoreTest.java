package io.tern.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.config.ConfigLoader;
import io.tern.server.core.push.PushJob;
import io.tern.server.core.push.PushStore;
import io.tern.server.support.PostgresForTests;
import io.tern.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job rules of the push store on a real database: raising a job again with the same seq changes nothing
 * (a log range read twice after a crash), a new burst starts after one was done, and only one of two workers
 * can claim a job until its lease ends.
 */
class JdbcPushStoreTest {
    private Path dir;
    private Database database;
    private PushStore store;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("tern-push-store");
        Map<String, String> settings = new HashMap<>(Map.of("store.dataDir", dir.toString()));
        settings.putAll(PostgresForTests.storeOverrides());
        database = Database.open(ConfigLoader.load(null, Map.of(), settings).store());
        store = new JdbcPushStore(database);
    }

    @AfterEach
    void close() {
        database.close();
        TestServer.deleteRecursively(dir);
    }

    private PushJob job() {
        return store.job(new PushJob.Key(7, "p:1:2")).orElseThrow();
    }

    @Test
    void raisingTwiceWithTheSameSeq_countsOnce_andADoneBurstStartsAfresh() {
        store.enqueue("p:1:2", 3, List.of(new PushStore.JobUpdate(7, "p:1:2", 3, 3, false)), 1);
        store.enqueue("p:1:2", 3, List.of(new PushStore.JobUpdate(7, "p:1:2", 3, 3, false)), 1);
        assertThat(job().messages()).isEqualTo(3);
        store.enqueue("p:1:2", 5, List.of(new PushStore.JobUpdate(7, "p:1:2", 5, 2, true)), 1);
        assertThat(job().uptoSeq()).isEqualTo(5);
        assertThat(job().messages()).isEqualTo(5);
        assertThat(job().mentioned()).isTrue();

        store.done(job().key(), 5);
        assertThat(job().pending()).isFalse();
        assertThat(store.pending(10)).isEmpty();
        store.enqueue("p:1:2", 6, List.of(new PushStore.JobUpdate(7, "p:1:2", 6, 1, false)), 1);
        assertThat(job().messages()).isEqualTo(1);
        assertThat(job().mentioned()).isFalse();
        assertThat(store.pending(10)).extracting(PushJob::uptoSeq).containsExactly(6L);
    }

    @Test
    void onlyOneWorkerClaimsAJob_untilTheLeaseEnds() {
        store.enqueue("p:1:2", 2, List.of(new PushStore.JobUpdate(7, "p:1:2", 2, 2, false)), 1);
        PushJob seen = job();
        assertThat(store.claim(seen, 2, 1_000, 30_000)).isTrue();
        assertThat(store.claim(seen, 2, 1_000, 30_000)).as("the other worker").isFalse();
        assertThat(store.claim(seen, 2, 31_001, 30_000)).as("after the lease").isTrue();
        store.failed(seen.key(), 1);
        assertThat(store.claim(job(), 2, 31_002, 30_000)).as("a failed send frees the job").isTrue();
        assertThat(job().sendingSeq()).isEqualTo(2);
        assertThat(job().sentSeq()).isZero();
    }

    @Test
    void cursorAndWatermark_onlyMoveForward() {
        assertThat(store.watermark(500)).isEqualTo(500);
        assertThat(store.watermark(900)).isEqualTo(500);
        store.enqueue("p:1:2", 4, List.of(), 700);
        store.enqueue("p:1:2", 2, List.of(), 600);
        assertThat(store.watermark(0)).isEqualTo(700);
    }
}
