package io.tern.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;
import org.awaitility.Awaitility;

/**
 * The delivery contract against its model: random chains of operations on a real server, each observation
 * checked as it happens (see {@link ModelDriver}, {@link ModelDevice}), and at the end every device and the
 * store hold exactly what the model says. CI runs 25 tries of 80 operations; {@code -Dtern.model.tries},
 * {@code -Dtern.model.actions} run it longer, {@code -Dtern.model.seed} replays a failure (docs/testing.md).
 */
class DeliveryModelTest {
    private static final int ACTIONS = Integer.getInteger("tern.model.actions", 80);
    private static final List<String> WITHOUT = List.of(System.getProperty("tern.model.without", "").split(","));

    private final List<ModelDriver> drivers = new ArrayList<>();
    private Set<Thread> threadsBefore;

    @Property(tries = 25, edgeCases = EdgeCasesMode.NONE, afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(RunSettings.class)
    void everyDeviceGetsExactlyItsMembershipWindows_onceAndInSeqOrder_acrossReconnectsAndRestarts(
            @ForAll("operations") ActionChain<ModelDriver> chain) {
        try {
            chain.run().checkEverythingDelivered();
        } catch (AssertionError | RuntimeException e) {
            String trace = drivers.isEmpty() ? "" : drivers.get(drivers.size() - 1).trace();
            throw new AssertionError(e.getMessage() + "\n-- operations of this try (latest last):\n" + trace, e);
        }
    }

    @Provide
    Arbitrary<ActionChain<ModelDriver>> operations() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        ActionChainArbitrary<ModelDriver> chain = ActionChain.startWith(this::newDriver);
        chain = with(chain, "send", 30, Combinators.combine(pick, pick).as((dev, to) ->
                Transformer.mutate("send(" + dev + "," + to + ")", d -> ChatOps.send(d, dev, to))));
        chain = with(chain, "resend", 6, Combinators.combine(pick, pick).as((dev, m) ->
                Transformer.mutate("resend(" + dev + "," + m + ")", d -> ChatOps.resend(d, dev, m))));
        chain = with(chain, "reuseKey", 2, Combinators.combine(pick, pick).as((dev, m) ->
                Transformer.mutate("reuseKey(" + dev + "," + m + ")", d -> ChatOps.reuseKey(d, dev, m))));
        chain = with(chain, "membership", 12, Combinators.combine(Arbitraries.integers().between(0, 3), pick, pick, pick)
                .as((kind, u, actor, g) -> Transformer.mutate(
                        new String[] {"join", "add", "leave", "remove"}[kind] + "(" + u + "," + actor + "," + g + ")",
                        d -> GroupOps.membership(d, kind, u, actor, g))));
        chain = with(chain, "ack", 5, pick.map(dev -> Transformer.mutate("ack(" + dev + ")", d -> d.ack(dev))));
        chain = with(chain, "read", 5, Combinators.combine(pick, pick, pick).as((dev, c, s) ->
                Transformer.mutate("read(" + dev + "," + c + "," + s + ")", d -> ChatOps.read(d, dev, c, s))));
        chain = with(chain, "disconnect", 4, pick.map(dev ->
                Transformer.mutate("disconnect(" + dev + ")", d -> d.disconnect(dev))));
        chain = with(chain, "reconnect", 6, pick.map(dev ->
                Transformer.mutate("reconnect(" + dev + ")", d -> d.reconnect(dev))));
        chain = with(chain, "restart", 1, Arbitraries.just(Transformer.mutate("restart", ModelDriver::restart)));
        chain = with(chain, "burst", 3, Combinators.combine(pick, pick, Arbitraries.integers().between(1, 6)).as((g, u, n) ->
                Transformer.mutate("burst(" + g + "," + u + "," + n + ")", d -> GroupOps.burst(d, g, u, n, false))));
        chain = with(chain, "coldBurst", 1, Combinators.combine(pick, pick, Arbitraries.integers().between(1, 6)).as((g, u, n) ->
                Transformer.mutate("coldBurst(" + g + "," + u + "," + n + ")", d -> {
                    d.restart(); // no member list cached yet: the burst's fan-out reads them fresh
                    GroupOps.burst(d, g, u, n, false);
                })));
        chain = with(chain, "doubleJoin", 2, Combinators.combine(pick, pick, Arbitraries.integers().between(0, 3)).as((g, u, n) ->
                Transformer.mutate("doubleJoin(" + g + "," + u + "," + n + ")", d -> GroupOps.burst(d, g, u, n, true))));
        return chain.withMaxTransformations(ACTIONS);
    }

    /** Adds an operation with its weight, unless -Dtern.model.without names it (to look past a known failure). */
    private static ActionChainArbitrary<ModelDriver> with(ActionChainArbitrary<ModelDriver> chain, String name, int weight,
                                                          Arbitrary<Transformer<ModelDriver>> transformers) {
        return WITHOUT.contains(name) ? chain : chain.withAction(weight, act(transformers));
    }

    private static Action.Independent<ModelDriver> act(Arbitrary<Transformer<ModelDriver>> transformers) {
        return () -> transformers;
    }

    private ModelDriver newDriver() {
        ModelDriver d = new ModelDriver();
        drivers.add(d); // closed after the try, also when the set-up fails
        d.setUp();
        return d;
    }

    @BeforeTry
    void rememberThreads() {
        threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Each try closes its server, clients and threads: no thread it started outlives it. */
    @AfterTry
    void closeEverything() {
        drivers.forEach(ModelDriver::close);
        drivers.clear();
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

    /** -Dtern.model.tries, -Dtern.model.seed (replay) and -Dtern.model.shrink=full (shrink without time bound). */
    static final class RunSettings implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            Integer tries = Integer.getInteger("tern.model.tries");
            if (tries != null) {
                context.attributes().setTries(tries);
            }
            String seed = System.getProperty("tern.model.seed", "");
            if (!seed.isBlank()) {
                context.attributes().setSeed(seed.trim());
            }
            if ("full".equals(System.getProperty("tern.model.shrink"))) {
                context.attributes().setShrinking(ShrinkingMode.FULL);
            }
            return property.execute();
        }
    }
}
