package io.tern.server.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the delivery model test with plain JUnit and a seeded {@link Random}; shared by {@code DeliveryModelTest}
 * (one server) and {@code ClusterDeliveryModelTest} (tern-it, three nodes). A run is a number of tries, each on a
 * fresh {@link ModelDriver} with its own seed: try 0 uses the base seed itself (random per run unless
 * {@code -Dtern.model.seed} is given), every further try a seed mixed from the previous one, so
 * {@code -Dtern.model.seed=<try seed> -Dtern.model.tries=1} replays one try alone. Each try draws its operations
 * by weight from its seed (arguments are abstract indexes, resolved by the driver against the current state, so
 * the draws never depend on the server), runs them one at a time, the driver checking after every step, and
 * ends with {@link ModelDriver#checkEverythingDelivered}. {@code -Dtern.model.stopAfter=N} runs only the first N
 * operations of each try (the same ones: the draws of a prefix do not depend on what follows), then the final
 * check: a manual aid to find the shortest failing prefix, there is no shrinking. The first failing try fails the
 * test with the seeds, the numbered operations of that try and the command that replays it.
 */
final class ModelRunner {
    /** One drawn operation: its name with the drawn arguments, and what it does to the driver. */
    record Step(String label, Consumer<ModelDriver> action) {
    }

    /** Every operation and how it draws its arguments; a test picks its mix of them by weight. */
    private static final Map<String, Function<Random, Step>> OPERATIONS = new LinkedHashMap<>();

    static {
        OPERATIONS.put("send", r -> {
            int dev = r.nextInt(1000), to = r.nextInt(1000);
            return new Step("send(" + dev + "," + to + ")", d -> ChatOps.send(d, dev, to));
        });
        OPERATIONS.put("resend", r -> {
            int dev = r.nextInt(1000), m = r.nextInt(1000);
            return new Step("resend(" + dev + "," + m + ")", d -> ChatOps.resend(d, dev, m));
        });
        OPERATIONS.put("reuseKey", r -> {
            int dev = r.nextInt(1000), m = r.nextInt(1000);
            return new Step("reuseKey(" + dev + "," + m + ")", d -> ChatOps.reuseKey(d, dev, m));
        });
        OPERATIONS.put("membership", r -> {
            int kind = r.nextInt(4), u = r.nextInt(1000), actor = r.nextInt(1000), g = r.nextInt(1000);
            return new Step(new String[] {"join", "add", "leave", "remove"}[kind] + "(" + u + "," + actor + "," + g + ")",
                    d -> GroupOps.membership(d, kind, u, actor, g));
        });
        OPERATIONS.put("ack", r -> {
            int dev = r.nextInt(1000);
            return new Step("ack(" + dev + ")", d -> d.ack(dev));
        });
        OPERATIONS.put("read", r -> {
            int dev = r.nextInt(1000), c = r.nextInt(1000), s = r.nextInt(1000);
            return new Step("read(" + dev + "," + c + "," + s + ")", d -> ChatOps.read(d, dev, c, s));
        });
        OPERATIONS.put("disconnect", r -> {
            int dev = r.nextInt(1000);
            return new Step("disconnect(" + dev + ")", d -> d.disconnect(dev));
        });
        OPERATIONS.put("reconnect", r -> {
            int dev = r.nextInt(1000);
            return new Step("reconnect(" + dev + ")", d -> d.reconnect(dev));
        });
        OPERATIONS.put("restart", r -> new Step("restart", ModelDriver::restart));
        OPERATIONS.put("burst", r -> {
            int g = r.nextInt(1000), u = r.nextInt(1000), n = 1 + r.nextInt(6);
            return new Step("burst(" + g + "," + u + "," + n + ")", d -> GroupOps.burst(d, g, u, n, false));
        });
        OPERATIONS.put("coldBurst", r -> {
            int g = r.nextInt(1000), u = r.nextInt(1000), n = 1 + r.nextInt(6);
            return new Step("coldBurst(" + g + "," + u + "," + n + ")", d -> {
                d.restart(); // no member list cached yet: the burst's fan-out reads them fresh
                GroupOps.burst(d, g, u, n, false);
            });
        });
        OPERATIONS.put("doubleJoin", r -> {
            int g = r.nextInt(1000), u = r.nextInt(1000), n = r.nextInt(4);
            return new Step("doubleJoin(" + g + "," + u + "," + n + ")", d -> GroupOps.burst(d, g, u, n, true));
        });
    }

    private final Supplier<ModelDriver> newDriver;
    private final String triesProperty;
    private final int defaultTries;
    private final String actionsProperty;
    private final int defaultActions;
    private final String replay;
    private final Map<String, Integer> weights = new LinkedHashMap<>();
    private Runnable beforeTry = () -> { };
    private Runnable afterTry = () -> { };
    private boolean printPassingTries;

    /**
     * @param newDriver       a driver on a fresh target (set up by the runner)
     * @param triesProperty   the system property for the number of tries, e.g. {@code tern.model.tries}
     * @param actionsProperty the system property for the operations per try, e.g. {@code tern.model.actions}
     * @param replay          the command that runs this test alone; the runner appends the settings to it
     */
    ModelRunner(Supplier<ModelDriver> newDriver, String triesProperty, int defaultTries, String actionsProperty,
                int defaultActions, String replay) {
        this.newDriver = newDriver;
        this.triesProperty = triesProperty;
        this.defaultTries = defaultTries;
        this.actionsProperty = actionsProperty;
        this.defaultActions = defaultActions;
        this.replay = replay;
    }

    /** Adds an operation to the mix with its weight (the order of the calls is part of what a seed means). */
    ModelRunner weigh(String operation, int weight) {
        if (!OPERATIONS.containsKey(operation)) {
            throw new IllegalArgumentException("no operation " + operation + "; known: " + OPERATIONS.keySet());
        }
        weights.put(operation, weight);
        return this;
    }

    /** Runs before each try and after it, once its driver is closed (also after a failed try). */
    ModelRunner around(Runnable before, Runnable after) {
        this.beforeTry = before;
        this.afterTry = after;
        return this;
    }

    /** Prints the operations of every passing try too (to the test's output), not just a line per try. */
    ModelRunner printPassingTries() {
        this.printPassingTries = true;
        return this;
    }

    /** Runs every try; throws an AssertionError with the replay report for the first one that fails. */
    void run() {
        int tries = Integer.getInteger(triesProperty, defaultTries);
        int actions = Integer.getInteger(actionsProperty, defaultActions);
        int stopAfter = Integer.getInteger("tern.model.stopAfter", actions);
        String withoutProperty = System.getProperty("tern.model.without", "").trim();
        List<String> without = withoutProperty.isEmpty() ? List.of() : List.of(withoutProperty.split("\\s*,\\s*"));
        without.stream().filter(op -> !OPERATIONS.containsKey(op)).findFirst().ifPresent(op -> {
            throw new IllegalArgumentException("-Dtern.model.without names no operation: " + op + "; known: "
                    + OPERATIONS.keySet());
        });
        List<String> ops = weights.keySet().stream().filter(op -> !without.contains(op)).toList();
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("-Dtern.model.without=" + withoutProperty + " leaves no operation");
        }
        int total = ops.stream().mapToInt(weights::get).sum();
        String seedProperty = System.getProperty("tern.model.seed", "").trim();
        long baseSeed = seedProperty.isEmpty() ? new Random().nextLong() : Long.parseLong(seedProperty);
        String settings = " -D" + actionsProperty + "=" + actions
                + (without.isEmpty() ? "" : " -Dtern.model.without=" + String.join(",", without));
        System.out.println("model: base seed " + baseSeed + ", " + tries + " tries of " + Math.min(actions, stopAfter)
                + " operations" + (without.isEmpty() ? "" : ", without " + without)
                + " (replay the run with " + replay + " -Dtern.model.seed=" + baseSeed + " -D" + triesProperty + "="
                + tries + settings + ")");

        long trySeed = baseSeed;
        for (int t = 0; t < tries; t++, trySeed = mix(trySeed)) {
            long started = System.nanoTime();
            Random random = new Random(trySeed);
            List<Done> done = new ArrayList<>();
            ModelDriver driver = null;
            String phase = "while starting the target";
            int finalCheck = -1; // where the final check's steps start, once it has started
            beforeTry.run();
            try {
                driver = newDriver.get();
                phase = "during the set-up";
                driver.setUp();
                for (int i = 0; i < Math.min(actions, stopAfter); i++) {
                    Step step = OPERATIONS.get(pick(ops, total, random)).apply(random);
                    phase = "at operation #" + (i + 1);
                    done.add(new Done(step.label(), driver.stepCount()));
                    step.action().accept(driver);
                }
                phase = "at the final check, after " + done.size() + " operations";
                finalCheck = driver.stepCount();
                driver.checkEverythingDelivered();
            } catch (AssertionError | RuntimeException e) {
                AssertionError failure = new AssertionError(
                        report(e, phase, t, tries, baseSeed, trySeed, settings, done, driver, finalCheck), e);
                close(driver, failure);
                try {
                    afterTry.run();
                } catch (AssertionError | RuntimeException after) {
                    failure.addSuppressed(after);
                }
                throw failure;
            }
            driver.close();
            afterTry.run();
            System.out.println("model: try " + t + " (seed " + trySeed + ") passed: " + done.size() + " operations in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms"
                    + (printPassingTries ? "\n" + operations(done, driver, finalCheck) : ""));
        }
    }

    /** An operation run (or running): its label, and where its steps start in the driver's trace. */
    private record Done(String label, int firstStep) {
    }

    private String report(Throwable e, String phase, int t, int tries, long baseSeed, long trySeed, String settings,
                          List<Done> done, ModelDriver driver, int finalCheck) {
        return "model try " + t + " of " + tries + " failed " + phase + ": " + e + "\n"
                + "base seed " + baseSeed + ", try seed " + trySeed + "\n"
                + "replay this try: " + replay + " -Dtern.model.seed=" + trySeed + " -D" + triesProperty + "=1" + settings
                + "\n  (add -Dtern.model.stopAfter=N to run only its first N operations, then the final check)\n"
                + "-- operations of this try (latest last; under each, what the driver did):\n"
                + (driver == null ? "" : operations(done, driver, finalCheck) + "\n");
    }

    /**
     * {@code #n label}, each followed by the driver's steps for it, indented (none if nothing applied); then the
     * final check, if it started ({@code finalCheck}: where its steps start, else -1).
     */
    private static String operations(List<Done> done, ModelDriver driver, int finalCheck) {
        int end = finalCheck >= 0 ? finalCheck : driver.stepCount();
        StringBuilder out = new StringBuilder();
        List<String> setUp = driver.stepsSince(0).subList(0, done.isEmpty() ? end : done.get(0).firstStep());
        setUp.forEach(s -> out.append("   (set-up) ").append(s).append('\n'));
        for (int i = 0; i < done.size(); i++) {
            out.append('#').append(i + 1).append(' ').append(done.get(i).label()).append('\n');
            int to = i + 1 < done.size() ? done.get(i + 1).firstStep() : end;
            driver.stepsSince(done.get(i).firstStep()).subList(0, to - done.get(i).firstStep())
                    .forEach(s -> out.append("      ").append(s).append('\n'));
        }
        if (finalCheck >= 0) {
            out.append("-- final check\n");
        }
        return out.toString().stripTrailing();
    }

    private static void close(ModelDriver driver, AssertionError failure) {
        if (driver != null) {
            try {
                driver.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private String pick(List<String> ops, int total, Random random) {
        int x = random.nextInt(total);
        for (String op : ops) {
            x -= weights.get(op);
            if (x < 0) {
                return op;
            }
        }
        throw new IllegalStateException();
    }

    /** The next try's seed: SplitMix64 of the previous one. */
    static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
