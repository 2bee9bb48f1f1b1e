package io.tern.server.model;

import org.junit.jupiter.api.Test;

/**
 * The delivery model test of tern-server ({@code DeliveryModelTest}, docs/testing.md) on three node processes:
 * devices spread over the nodes, HTTP round-robin, and the restart operation kills one node with SIGKILL and
 * starts it again (its devices reconnect, the others get SYNC_HINT). Few, short tries: a cluster takes seconds
 * to start. The same runner as the single-node test ({@link ModelRunner}: a seeded Random, no shrinking); the
 * seeds are printed, {@code -Dtern.model.seed} replays them, {@code -Dtern.model.cluster.tries} and
 * {@code -Dtern.model.cluster.actions} run it longer, {@code -Dtern.model.without} leaves operations out,
 * {@code -Dtern.model.stopAfter} runs only the first operations of each try.
 */
class ClusterDeliveryModelTest {
    @Test
    void threeNodesOneKilled_everyDeviceGetsExactlyItsMembershipWindows_onceAndInSeqOrder() {
        new ModelRunner(() -> new ModelDriver(new ClusterTarget()), "tern.model.cluster.tries", 2,
                "tern.model.cluster.actions", 40,
                "mvn -B -pl tern-it -am test-compile surefire:test@default-test -Dtest=ClusterDeliveryModelTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false")
                .weigh("send", 30)
                .weigh("resend", 5)
                .weigh("reuseKey", 1)
                .weigh("membership", 10)
                .weigh("ack", 4)
                .weigh("read", 4)
                .weigh("disconnect", 3)
                .weigh("reconnect", 5)
                .weigh("burst", 3)
                .weigh("doubleJoin", 1)
                .weigh("restart", 2)
                .printPassingTries()
                .run();
    }
}
