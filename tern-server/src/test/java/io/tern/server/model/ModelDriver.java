package io.tern.server.model;

import io.tern.protocol.Ack;
import io.tern.protocol.Frame;
import io.tern.server.support.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drives a {@link Target} (by default one real server: free port, SQLite in a temporary directory) with real
 * WebSocket devices: users u1..u4 (u1 and u3 with two devices), the closed group g1 (owner u1, members u2 and
 * u3), the open group g2 (owner u2), and the direct conversations. Each operation waits for its answer,
 * updates the model, then settles: every online device processes frames until a PING round trip is done and
 * it holds exactly what the model says. Operations take abstract indexes, resolved against the current state,
 * so any sequence is valid.
 */
final class ModelDriver implements AutoCloseable {
    /** Devices ack only when the ack operation says so: a deadline no try reaches keeps them from being kicked. */
    static final Map<String, String> SETTINGS = Map.of("session.ackDeadline", "1h");
    private static final Duration SETTLE = Duration.ofSeconds(15);

    final Target target;
    final DeliveryModel model = new DeliveryModel();
    final List<ModelDevice> devices = new ArrayList<>();
    final List<Long> users = new ArrayList<>();
    final List<String> groups = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();
    int epoch;
    private int keys;
    private java.util.concurrent.ExecutorService pool;

    /** Starts one server; {@link #setUp} then registers, connects and creates the groups. */
    ModelDriver() {
        this(Target.single(SETTINGS));
    }

    ModelDriver(Target target) {
        this.target = target;
        model.pushesMaySkip = target.pushesMaySkip();
    }

    void setUp() {
        int[] deviceCounts = {2, 1, 2, 1};
        for (int u = 1; u <= 4; u++) {
            TestUser first = target.http().registerAndLogin("user" + u, "d1");
            users.add(first.userId());
            devices.add(new ModelDevice(first, "u" + u + "/d1", model));
            if (deviceCounts[u - 1] == 2) {
                devices.add(new ModelDevice(target.http().login("user" + u, "d2"), "u" + u + "/d2", model));
            }
        }
        for (int a = 0; a < users.size(); a++) {
            for (int b = a + 1; b < users.size(); b++) {
                model.addConv(DeliveryModel.direct(users.get(a), users.get(b)), false);
            }
        }
        devices.forEach(d -> d.connect(url(d), cursors(d)));
        settle("connect");
        groups.add(GroupOps.create(this, users.get(0), List.of(users.get(1), users.get(2)), false));
        groups.add(GroupOps.create(this, users.get(1), List.of(), true));
    }

    // ---- operations ----

    void ack(int device) {
        ModelDevice d = online(device);
        if (d == null) {
            return;
        }
        step("ack by " + d.name + " " + d.holds.last);
        new TreeMap<>(d.holds.last).forEach((conv, seq) -> {
            if (seq > 0) {
                d.ackResps++;
                d.ws.send(new Ack(null, conv, seq, true));
            }
        });
        settle("ack");
    }

    void disconnect(int device) {
        ModelDevice d = online(device);
        if (d != null) {
            step("disconnect " + d.name);
            d.disconnect();
        }
    }

    void reconnect(int device) {
        List<ModelDevice> offline = devices.stream().filter(d -> !d.online()).toList();
        if (!offline.isEmpty()) {
            ModelDevice d = offline.get(device % offline.size());
            step("reconnect " + d.name + " with cursors " + d.holds.last);
            d.connect(url(d), cursors(d));
            settle("reconnect");
        }
    }

    /**
     * The target goes down and up again (one server: a clean stop and start on the same data directory; a
     * cluster: a node killed); the devices that lost their connection reconnect and catch up.
     */
    void restart() {
        List<ModelDevice> were = devices.stream().filter(ModelDevice::online).toList();
        were.forEach(d -> d.shuttingDown = true);
        java.util.function.IntPredicate lost = target.restart();
        List<ModelDevice> cut = were.stream().filter(d -> lost.test(devices.indexOf(d))).toList();
        step("restart (" + cut.stream().map(d -> d.name).toList() + " reconnect)");
        cut.forEach(ModelDevice::disconnect);
        were.forEach(d -> d.shuttingDown = false);
        HistoryCheck.verify(this, "after the restart");
        cut.forEach(d -> d.connect(url(d), cursors(d)));
        settle("restart");
    }

    /** Every device online and caught up holds exactly its user's latest window; the store has every message. */
    ModelDriver checkEverythingDelivered() {
        step("final check");
        devices.stream().filter(d -> !d.online()).forEach(d -> d.connect(url(d), cursors(d)));
        settle("final reconnect");
        for (ModelDevice d : devices) {
            for (String conv : model.convIds()) {
                for (long s = 1; s <= model.lastVisible(d.user(), conv); s++) {
                    String msgId = d.holds.at(conv, s);
                    if (model.required(d.user(), conv, s) && msgId == null) {
                        fail("device " + d.name + " lacks " + model.msg(conv, s) + " of its window " + d.windows(conv));
                    }
                }
            }
        }
        HistoryCheck.verify(this, "at the end");
        return this;
    }

    // ---- helpers ----

    ModelDevice online(int index) {
        List<ModelDevice> on = devices.stream().filter(ModelDevice::online).toList();
        return on.isEmpty() ? null : on.get(index % on.size());
    }

    String url(ModelDevice d) {
        return target.wsUrl(devices.indexOf(d));
    }

    Map<String, Long> cursors(ModelDevice d) {
        Map<String, Long> out = new HashMap<>();
        model.convIds().forEach(c -> out.put(c, d.last(c)));
        return out;
    }

    /** Every online device processes frames until its PING is answered and it holds what the model says. */
    void settle(String after) {
        devices.stream().filter(ModelDevice::online).forEach(ModelDevice::barrier);
        long deadline = System.nanoTime() + SETTLE.toNanos();
        for (ModelDevice d : devices) {
            while (d.online() && !d.settled()) {
                Frame f = d.ws.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (f == null) {
                    fail("after " + after + ", device " + d.name + " did not settle within " + SETTLE + ": " + d.state()
                            + "; model: " + lastVisible(d.user()));
                }
                d.process(f);
            }
            if (d.online() && d.syncedEpoch == Integer.MAX_VALUE) {
                d.syncedEpoch = epoch;
            }
        }
    }

    private Map<String, Long> lastVisible(long user) {
        Map<String, Long> out = new TreeMap<>();
        model.convIds().forEach(c -> out.put(c, model.lastVisible(user, c)));
        return out;
    }

    void step(String what) {
        trace.add(what);
    }

    /** How many steps the driver has recorded (set-up and operations). */
    int stepCount() {
        return trace.size();
    }

    /** The steps recorded from index {@code from} on, oldest first. */
    List<String> stepsSince(int from) {
        return List.copyOf(trace.subList(from, trace.size()));
    }

    void fail(String what) {
        throw new AssertionError(what);
    }

    int nextKey() {
        return ++keys;
    }

    /** Two threads for the concurrent HTTP requests of a burst; stopped by {@link #close}. */
    java.util.concurrent.ExecutorService pool() {
        if (pool == null) {
            pool = java.util.concurrent.Executors.newFixedThreadPool(2, r -> new Thread(r, "model-burst"));
        }
        return pool;
    }

    @Override
    public void close() {
        devices.stream().filter(ModelDevice::online).forEach(d -> d.ws.close());
        target.close();
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
