package io.tern.server.model;

import io.tern.protocol.Ack;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.protocol.Read;
import io.tern.server.support.Frames;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drives a real server (free port, SQLite in a temporary directory) with real WebSocket devices: users u1..u4
 * (u1 and u3 with two devices), the closed group g1 (owner u1, members u2 and u3), the open group g2 (owner
 * u2), and the direct conversations. Each operation waits for its answer, updates the model, then settles:
 * every online device processes frames until a PING round trip is done and it holds exactly what the model
 * says. Operations take abstract indexes, resolved against the current state, so any sequence is valid.
 */
final class ModelDriver implements AutoCloseable {
    /** Devices ack only when the ack operation says so: a deadline no try reaches keeps them from being kicked. */
    static final Map<String, String> SETTINGS = Map.of("session.ackDeadline", "1h");
    private static final Duration SETTLE = Duration.ofSeconds(15);

    TestServer server;
    final DeliveryModel model = new DeliveryModel();
    final List<ModelDevice> devices = new ArrayList<>();
    final List<Long> users = new ArrayList<>();
    final List<String> groups = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();
    int epoch;
    private int counter;
    private java.util.concurrent.ExecutorService pool;

    /** Starts the server; {@link #setUp} then registers, connects and creates the groups. */
    ModelDriver() {
        server = TestServer.start(SETTINGS);
    }

    void setUp() {
        int[] deviceCounts = {2, 1, 2, 1};
        for (int u = 1; u <= 4; u++) {
            TestUser first = server.http().registerAndLogin("user" + u, "d1");
            users.add(first.userId());
            devices.add(new ModelDevice(first, "u" + u + "/d1", model));
            if (deviceCounts[u - 1] == 2) {
                devices.add(new ModelDevice(server.http().login("user" + u, "d2"), "u" + u + "/d2", model));
            }
        }
        for (int a = 0; a < users.size(); a++) {
            for (int b = a + 1; b < users.size(); b++) {
                model.addConv(DeliveryModel.direct(users.get(a), users.get(b)), false);
            }
        }
        devices.forEach(d -> d.connect(server.wsUrl(), cursors(d)));
        settle("connect");
        groups.add(GroupOps.create(this, users.get(0), List.of(users.get(1), users.get(2)), false));
        groups.add(GroupOps.create(this, users.get(1), List.of(), true));
    }

    // ---- operations ----

    void send(int device, int target) {
        ModelDevice d = online(device);
        if (d == null) {
            return;
        }
        List<String> targets = targets(d.user());
        String conv = targets.get(target % targets.size());
        String key = "c" + (++counter);
        String body = "b" + counter;
        sendAndCheck(d, conv, key, body, "send");
    }

    /** The same clientMsgId and content again: the original msgId and seq, nothing new stored or pushed out of window. */
    void resend(int device, int pick) {
        ModelDevice d = online(device);
        List<DeliveryModel.Msg> mine = d == null ? List.of() : model.chatsOf(d.user());
        if (mine.isEmpty()) {
            return;
        }
        DeliveryModel.Msg m = mine.get(pick % mine.size());
        step("resend " + m + " key " + m.clientMsgId + " by " + d.name);
        d.ws.send(frame(m.conv, d.user(), m.clientMsgId, m.body));
        Frame answer = answer(d, m.clientMsgId);
        if (!(answer instanceof ChatResp r) || !r.msgId().equals(m.msgId) || r.seq() != m.seq
                || !r.conversationId().equals(m.conv) || r.ts() != m.ts) {
            throw new AssertionError("resend of " + m + " (msgId " + m.msgId + ", ts " + m.ts + ") answered " + answer);
        }
        settle("resend");
    }

    /** The same clientMsgId with different content: refused (DESIGN 4.4), never acknowledged as the old message. */
    void conflict(int device, int pick) {
        ModelDevice d = online(device);
        List<DeliveryModel.Msg> mine = d == null ? List.of() : model.chatsOf(d.user());
        if (mine.isEmpty()) {
            return;
        }
        DeliveryModel.Msg m = mine.get(pick % mine.size());
        String body = "other-" + (++counter);
        step("reuse key " + m.clientMsgId + " of " + m + " with '" + body + "' by " + d.name);
        d.ws.send(frame(m.conv, d.user(), m.clientMsgId, body));
        Frame answer = answer(d, m.clientMsgId);
        if (!(answer instanceof ErrorFrame e) || e.refType() == null || e.refType() != 80) {
            throw new AssertionError("clientMsgId " + m.clientMsgId + " reused with different content was answered "
                    + answer + " instead of a conflict error");
        }
        settle("conflict");
    }

    void ack(int device) {
        ModelDevice d = online(device);
        if (d == null) {
            return;
        }
        step("ack by " + d.name + " " + d.last);
        new TreeMap<>(d.last).forEach((conv, seq) -> {
            if (seq > 0) {
                d.ackResps++;
                d.ws.send(new Ack(null, conv, seq, true));
            }
        });
        settle("ack");
    }

    /** READ up to a seq that may lie beyond the conversation's end: notices carry a seq within it. */
    void read(int device, int conversation, int seqPick) {
        ModelDevice d = online(device);
        List<String> convs = d == null ? List.of() : model.convIds().stream()
                .filter(c -> model.conv(c).isGroup() || model.isMember(c, d.user())).toList();
        if (convs.isEmpty()) {
            return;
        }
        String conv = convs.get(conversation % convs.size());
        long last = model.conv(conv).last();
        long seq = seqPick % (last + 3);
        step("read " + conv + " up to " + seq + " (last " + last + ") by " + d.name);
        d.ws.send(new Read(conv, seq));
        if (!model.isMember(conv, d.user())) {
            d.errors.add("110/NOT_A_MEMBER");
        } else {
            for (ModelDevice o : devices) {
                boolean reader = o.user() == d.user();
                if (o != d && o.online() && (reader || (!model.conv(conv).isGroup() && model.isMember(conv, o.user())))) {
                    o.notices.add(new ModelDevice.Notice(conv, d.user(), Math.min(seq, last), last));
                }
            }
        }
        settle("read");
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
            step("reconnect " + d.name + " with cursors " + d.last);
            d.connect(server.wsUrl(), cursors(d));
            settle("reconnect");
        }
    }

    /** A clean stop and a start on the same data directory; the devices that were online reconnect and catch up. */
    void restart() {
        List<ModelDevice> were = devices.stream().filter(ModelDevice::online).toList();
        step("restart (" + were.size() + " devices reconnect)");
        were.forEach(d -> d.shuttingDown = true);
        server = server.restart();
        were.forEach(ModelDevice::disconnect);
        HistoryCheck.verify(this, "after the restart");
        were.forEach(d -> d.connect(server.wsUrl(), cursors(d)));
        settle("restart");
    }

    /** Every device online and caught up holds exactly its user's latest window; the store has every message. */
    ModelDriver checkEverythingDelivered() {
        step("final check");
        devices.stream().filter(d -> !d.online()).forEach(d -> d.connect(server.wsUrl(), cursors(d)));
        settle("final reconnect");
        for (ModelDevice d : devices) {
            for (String conv : model.convIds()) {
                for (long s = 1; s <= model.lastVisible(d.user(), conv); s++) {
                    String msgId = d.held.getOrDefault(conv, new TreeMap<>()).get(s);
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

    void sendAndCheck(ModelDevice d, String conv, String key, String body, String what) {
        boolean member = model.isMember(conv, d.user()) || !model.conv(conv).isGroup();
        step(what + " '" + body + "' to " + conv + " by " + d.name + (member ? "" : " (not a member)"));
        d.ws.send(frame(conv, d.user(), key, body));
        Frame answer = answer(d, key);
        if (!member) {
            if (!(answer instanceof ErrorFrame e) || !"NOT_A_MEMBER".equals(e.error())) {
                fail("send by a non-member to " + conv + " answered " + answer + " instead of NOT_A_MEMBER");
            }
        } else if (answer instanceof ChatResp r && r.conversationId().equals(conv)) {
            model.commitChat(conv, r.seq(), d.user(), key, body, ++epoch).msgId = r.msgId();
            model.msg(conv, r.seq()).ts = r.ts();
            d.placeOwn(conv, r.seq(), r.msgId());
        } else {
            fail("send to " + conv + " answered " + answer + "; expected CHAT_RESP with seq " + (model.conv(conv).last() + 1));
        }
        settle(what);
    }

    String frame(String conv, long from, String key, String body) {
        DeliveryModel.Conv c = model.conv(conv);
        if (c.isGroup()) {
            return Frames.groupChat(key, c.groupId(), body);
        }
        String[] ids = conv.substring(2).split(":");
        long to = Long.parseLong(ids[0]) == from ? Long.parseLong(ids[1]) : Long.parseLong(ids[0]);
        return Frames.chat(key, to, body);
    }

    /** The CHAT_RESP or ERROR for a clientMsgId; other frames stay queued, to be processed in order by settle. */
    static Frame answer(ModelDevice d, String key) {
        return d.ws.next(Frame.class, f -> f instanceof ChatResp r && key.equals(r.clientMsgId())
                || f instanceof ErrorFrame e && key.equals(e.clientMsgId()));
    }

    List<String> targets(long user) {
        List<String> out = new ArrayList<>();
        users.stream().filter(u -> u != user).forEach(u -> out.add(DeliveryModel.direct(user, u)));
        out.addAll(groups);
        return out;
    }

    ModelDevice online(int index) {
        List<ModelDevice> on = devices.stream().filter(ModelDevice::online).toList();
        return on.isEmpty() ? null : on.get(index % on.size());
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
        trace.add("#" + trace.size() + " " + what);
    }

    void fail(String what) {
        throw new AssertionError(what);
    }

    String trace() {
        int from = Math.max(0, trace.size() - 300);
        return String.join("\n", trace.subList(from, trace.size()));
    }

    Set<Long> userSet() {
        return Set.copyOf(users);
    }

    int nextKey() {
        return ++counter;
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
        server.close();
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
