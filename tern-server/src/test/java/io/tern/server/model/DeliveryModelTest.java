package io.tern.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The delivery contract against its model: random sequences of operations on a real server, each observation
 * checked as it happens (see {@link ModelDriver}, {@link ModelDevice}), and at the end every device and the
 * store hold exactly what the model says. Plain JUnit with a seeded Random ({@link ModelRunner}): CI runs 25
 * tries of 80 operations, each on a fresh server; {@code -Dtern.model.tries}, {@code -Dtern.model.actions} run
 * it longer, {@code -Dtern.model.seed} replays a failure, {@code -Dtern.model.without} leaves operations out,
 * {@code -Dtern.model.stopAfter} runs only the first operations of each try (docs/testing.md).
 */
class DeliveryModelTest {
    private Set<Thread> threadsBefore;

    @Test
    void everyDeviceGetsExactlyItsMembershipWindows_onceAndInSeqOrder_acrossReconnectsAndRestarts() {
        new ModelRunner(ModelDriver::new, "tern.model.tries", 25, "tern.model.actions", 80,
                "mvn -B -pl tern-server -am test-compile surefire:test@default-test -Dtest=DeliveryModelTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false")
                .weigh("send", 30)
                .weigh("resend", 6)
                .weigh("reuseKey", 2)
                .weigh("membership", 12)
                .weigh("ack", 5)
                .weigh("read", 5)
                .weigh("disconnect", 4)
                .weigh("reconnect", 6)
                .weigh("restart", 1)
                .weigh("burst", 3)
                .weigh("coldBurst", 1)
                .weigh("doubleJoin", 2)
                .around(this::rememberThreads, this::noThreadOutlivesTheTry)
                .run();
    }

    private void rememberThreads() {
        threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Each try closes its server, clients and threads: no thread it started outlives it. */
    private void noThreadOutlivesTheTry() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(leakedThreads()).isEmpty());
    }

    private List<String> leakedThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !threadsBefore.contains(t))
                // shared by every test: the JDK HTTP client of the support classes, the common pool, the JDK's
                // process reaper, Awaitility's own poller, and Netty's global executor (it ends itself when idle)
                .filter(t -> !t.getName().startsWith("HttpClient-") && !t.getName().startsWith("ForkJoinPool.commonPool")
                        && !t.getName().equals("process reaper") && !t.getName().startsWith("awaitility")
                        && !t.getName().startsWith("globalEventExecutor"))
                .map(Thread::getName).toList();
    }
}
