package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The order of publish steps under controlled completion orders of their lookups. */
class PublishOrderTest {
    private final PublishOrder order = new PublishOrder();
    private final List<String> ran = new ArrayList<>();

    @Test
    void laterLookupCompletingFirst_waitsForTheEarlierStep() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        order.then(first, (r, e) -> ran.add(r));
        order.then(second, (r, e) -> ran.add(r));

        second.complete("seq 2"); // its routes were cached; the first message's are still being read
        assertThat(ran).isEmpty();

        first.complete("seq 1");
        assertThat(ran).containsExactly("seq 1", "seq 2");
    }

    @Test
    void completedLookup_withNothingBeforeIt_runsAtOnceOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> threads = new ArrayList<>();
        order.then(CompletableFuture.completedFuture("cached"), (r, e) -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(caller);
    }

    @Test
    void failedLookup_reachesItsStep_andTheStepsAfterItStillRun() {
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> next = new CompletableFuture<>();
        order.then(failing, (r, e) -> ran.add(e == null ? "no failure" : "failed: " + e.getMessage()));
        order.then(next, (r, e) -> ran.add(r));

        next.complete("seq 2");
        failing.completeExceptionally(new IllegalStateException("redis away"));

        assertThat(ran).containsExactly("failed: redis away", "seq 2");
    }

    @Test
    void stepThatThrows_doesNotHoldUpTheStepsAfterIt() {
        CompletableFuture<String> first = new CompletableFuture<>();
        order.then(first, (r, e) -> {
            throw new IllegalStateException("publish rejected");
        });
        order.then(CompletableFuture.completedFuture("seq 2"), (r, e) -> ran.add(r));
        assertThat(ran).isEmpty();

        first.complete("seq 1");
        assertThat(ran).containsExactly("seq 2");
    }
}
