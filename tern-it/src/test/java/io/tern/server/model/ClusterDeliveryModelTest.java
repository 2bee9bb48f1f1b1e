package io.tern.server.model;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The delivery model test of tern-server ({@code DeliveryModelTest}, docs/testing.md) on three node processes:
 * devices spread over the nodes, HTTP round-robin, and the restart operation kills one node with SIGKILL and
 * starts it again (its devices reconnect, the others get SYNC_HINT). Few, short tries: a cluster takes seconds
 * to start. Plain JUnit with a seeded Random (no shrinking: every step would start a cluster); the seed is
 * printed, {@code -Dtern.model.seed} replays it, {@code -Dtern.model.cluster.tries} and
 * {@code -Dtern.model.cluster.actions} run it longer, {@code -Dtern.model.without} leaves operations out.
 */
class ClusterDeliveryModelTest {
    private static final int TRIES = Integer.getInteger("tern.model.cluster.tries", 2);
    private static final int ACTIONS = Integer.getInteger("tern.model.cluster.actions", 40);
    private static final List<String> WITHOUT = List.of(System.getProperty("tern.model.without", "").split(","));

    private record Op(String name, int weight, java.util.function.Function<Random, Consumer<ModelDriver>> make) {
    }

    private static final List<Op> OPS = List.of(
            new Op("send", 30, r -> { int a = r.nextInt(1000), b = r.nextInt(1000); return d -> ChatOps.send(d, a, b); }),
            new Op("resend", 5, r -> { int a = r.nextInt(1000), b = r.nextInt(1000); return d -> ChatOps.resend(d, a, b); }),
            new Op("reuseKey", 1, r -> { int a = r.nextInt(1000), b = r.nextInt(1000); return d -> ChatOps.reuseKey(d, a, b); }),
            new Op("membership", 10, r -> {
                int k = r.nextInt(4), u = r.nextInt(1000), a = r.nextInt(1000), g = r.nextInt(1000);
                return d -> GroupOps.membership(d, k, u, a, g);
            }),
            new Op("ack", 4, r -> { int a = r.nextInt(1000); return d -> d.ack(a); }),
            new Op("read", 4, r -> {
                int a = r.nextInt(1000), c = r.nextInt(1000), s = r.nextInt(1000);
                return d -> ChatOps.read(d, a, c, s);
            }),
            new Op("disconnect", 3, r -> { int a = r.nextInt(1000); return d -> d.disconnect(a); }),
            new Op("reconnect", 5, r -> { int a = r.nextInt(1000); return d -> d.reconnect(a); }),
            new Op("burst", 3, r -> {
                int g = r.nextInt(1000), u = r.nextInt(1000), n = 1 + r.nextInt(6);
                return d -> GroupOps.burst(d, g, u, n, false);
            }),
            new Op("doubleJoin", 1, r -> {
                int g = r.nextInt(1000), u = r.nextInt(1000), n = r.nextInt(4);
                return d -> GroupOps.burst(d, g, u, n, true);
            }),
            new Op("restart", 2, r -> ModelDriver::restart));

    @Test
    void threeNodesOneKilled_everyDeviceGetsExactlyItsMembershipWindows_onceAndInSeqOrder() {
        long seed = Long.getLong("tern.model.seed", new Random().nextLong());
        System.out.println("cluster model seed = " + seed + " (replay with -Dtern.model.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Op> ops = OPS.stream().filter(op -> !WITHOUT.contains(op.name())).toList();
        int total = ops.stream().mapToInt(Op::weight).sum();
        for (int t = 0; t < TRIES; t++) {
            ModelDriver driver = new ModelDriver(new ClusterTarget());
            try {
                driver.setUp();
                for (int i = 0; i < ACTIONS; i++) {
                    pick(ops, total, random).make().apply(random).accept(driver);
                }
                driver.checkEverythingDelivered();
                System.out.println("-- try " + t + " passed:\n" + driver.trace());
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ", try " + t + ": " + e.getMessage()
                        + "\n-- operations of this try (latest last):\n" + driver.trace(), e);
            } finally {
                driver.close();
            }
        }
    }

    private static Op pick(List<Op> ops, int total, Random random) {
        int x = random.nextInt(total);
        for (Op op : ops) {
            x -= op.weight();
            if (x < 0) {
                return op;
            }
        }
        throw new IllegalStateException();
    }
}
