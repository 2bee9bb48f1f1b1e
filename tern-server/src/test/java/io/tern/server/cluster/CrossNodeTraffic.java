package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.Frame;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.support.Frames;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Continuous one-to-one traffic across nodes: pairs of a sender on one node and a receiver on another, each on
 * its own thread. A sender sends, waits for its CHAT_RESP (the acknowledgement) and sends the next; a receiver
 * acks every push, pulls gaps as the SDK does, and records each delivered message's seq and arrival time. Checks
 * afterwards that every acknowledged message reached its receiver exactly once and in seq order, and how long
 * messages stopped arriving.
 */
final class CrossNodeTraffic implements AutoCloseable {
    private record Arrival(int node, String msgId, long seq, long atNanos, boolean byPush) {
    }

    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicBoolean receiving = new AtomicBoolean(true);
    private final List<Thread> senders = new ArrayList<>();
    private final List<Thread> receivers = new ArrayList<>();
    private final List<WsTestClient> clients = new ArrayList<>();
    /** Acknowledged sends per conversation: msgId by seq. */
    private final Map<String, Map<Long, String>> acked = new ConcurrentHashMap<>();
    /** Messages delivered, by push or pull, in order per conversation (each has exactly one receiving device). */
    private final Map<String, List<Arrival>> delivered = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** SYNC_HINTs received: (node, nanos). */
    private final List<long[]> hints = new CopyOnWriteArrayList<>();

    /** Starts {@code pairs} sender/receiver pairs; pair i sends from node i % n to node (i + 1) % n. */
    static CrossNodeTraffic start(List<TestServer> nodes, int pairs, String prefix) {
        CrossNodeTraffic t = new CrossNodeTraffic();
        for (int i = 0; i < pairs; i++) {
            TestServer from = nodes.get(i % nodes.size());
            int toNode = (i + 1) % nodes.size();
            TestServer to = nodes.get(toNode);
            TestUser sender = from.user(prefix + "s" + i);
            TestUser receiver = to.user(prefix + "r" + i);
            WsTestClient s = t.online(from, sender);
            WsTestClient r = t.online(to, receiver);
            String tag = prefix + i;
            t.receivers.add(new Thread(() -> t.receive(r, toNode), "receiver-" + tag));
            t.senders.add(new Thread(() -> t.send(s, receiver, tag), "sender-" + tag));
        }
        t.receivers.forEach(Thread::start);
        t.senders.forEach(Thread::start);
        return t;
    }

    private WsTestClient online(TestServer node, TestUser user) {
        WsTestClient c = node.connect(user);
        clients.add(c);
        c.send(new Sync(Map.of(), "hello"));
        c.next(SyncResp.class);
        return c;
    }

    private void send(WsTestClient client, TestUser to, String tag) {
        try {
            for (int n = 0; sending.get(); n++) {
                String clientMsgId = tag + "-" + n;
                client.send(Frames.chat(clientMsgId, to.userId(), clientMsgId));
                ChatResp resp = client.next(ChatResp.class, r -> clientMsgId.equals(r.clientMsgId()));
                String before = acked.computeIfAbsent(resp.conversationId(), c -> new ConcurrentHashMap<>())
                        .put(resp.seq(), resp.msgId());
                if (before != null) {
                    throw new AssertionError("seq " + resp.seq() + " acknowledged twice: " + before + ", " + resp.msgId());
                }
                client.skipped().clear(); // hints and pings: not this test's business
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    /**
     * Receives like the SDK: a push that is the next seq is delivered; one past a gap (pushes lost while Redis
     * failed over, and more than the receiving node fills from the store) makes it pull the gap first, and pushes
     * arriving meanwhile wait; a SYNC_HINT makes it pull too. A push of what was pulled already is dropped; a seq
     * pushed twice is a failure.
     */
    private void receive(WsTestClient client, int node) {
        Map<String, Long> last = new HashMap<>();
        java.util.TreeMap<Long, ChatPush> waiting = new java.util.TreeMap<>();
        String pulling = null;
        String conversation = null;
        java.util.Set<Long> pushedSeqs = new java.util.HashSet<>(); // one conversation per receiver
        try {
            while (receiving.get()) {
                Frame f = client.poll(Duration.ofMillis(100));
                if (f instanceof ChatPush p) {
                    conversation = p.conversationId();
                    client.send(new Ack(null, p.conversationId(), p.seq(), null));
                    long done = last.getOrDefault(p.conversationId(), 0L);
                    if (!pushedSeqs.add(p.seq())) {
                        failures.add(new AssertionError("push of " + p.conversationId() + " seq " + p.seq() + " again"));
                    } else if (p.seq() <= done) {
                        continue; // pulled already (the pull read it before its push arrived): dropped, as the SDK does
                    } else if (pulling == null && p.seq() == done + 1) {
                        deliver(node, p, true, last);
                    } else {
                        waiting.put(p.seq(), p);
                        if (pulling == null) {
                            pulling = p.conversationId();
                            client.send(io.tern.protocol.Pull.after(pulling, done, 100));
                        }
                    }
                } else if (f instanceof io.tern.protocol.PullResp page) {
                    for (ChatPush m : page.messages()) {
                        if (m.seq() == last.getOrDefault(m.conversationId(), 0L) + 1) {
                            waiting.remove(m.seq());
                            deliver(node, m, false, last);
                        }
                    }
                    if (page.hasMore()) {
                        client.send(io.tern.protocol.Pull.after(pulling, last.getOrDefault(pulling, 0L), 100));
                    } else {
                        pulling = null;
                        while (!waiting.isEmpty() && waiting.firstKey() <= last.getOrDefault(page.conversationId(), 0L)) {
                            waiting.pollFirstEntry();
                        }
                        while (!waiting.isEmpty() && waiting.firstKey() == last.getOrDefault(page.conversationId(), 0L) + 1) {
                            deliver(node, waiting.pollFirstEntry().getValue(), true, last);
                        }
                        if (!waiting.isEmpty()) { // pushed again meanwhile past a new gap
                            pulling = page.conversationId();
                            client.send(io.tern.protocol.Pull.after(pulling, last.get(pulling), 100));
                        }
                    }
                } else if (f instanceof io.tern.protocol.SyncHint && conversation != null && pulling == null) {
                    hints.add(new long[] {node, System.nanoTime()});
                    pulling = conversation;
                    client.send(io.tern.protocol.Pull.after(pulling, last.getOrDefault(pulling, 0L), 100));
                }
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private void deliver(int node, ChatPush p, boolean byPush, Map<String, Long> last) {
        last.put(p.conversationId(), p.seq());
        delivered.computeIfAbsent(p.conversationId(), c -> new CopyOnWriteArrayList<>())
                .add(new Arrival(node, p.msgId(), p.seq(), System.nanoTime(), byPush));
    }

    /** Messages delivered so far, all receivers together. */
    int delivered() {
        return delivered.values().stream().mapToInt(List::size).sum();
    }

    /** Messages delivered so far to the receivers on one node. */
    long deliveredTo(int node) {
        return delivered.values().stream().flatMap(List::stream).filter(a -> a.node() == node).count();
    }

    /** Messages pushed so far (not pulled) to the receivers on one node. */
    long pushedTo(int node) {
        return delivered.values().stream().flatMap(List::stream).filter(a -> a.node() == node && a.byPush()).count();
    }

    /** Of the messages delivered, how many came by push (the others the receiver pulled after a gap or hint). */
    long deliveredByPush() {
        return delivered.values().stream().flatMap(List::stream).filter(Arrival::byPush).count();
    }

    /** Acknowledged sends so far. */
    int acknowledged() {
        return acked.values().stream().mapToInt(Map::size).sum();
    }

    /** Stops the senders, then waits until every acknowledged message was pushed (or a push is missing for good). */
    void stopAndDrain(Duration atMost) throws InterruptedException {
        sending.set(false);
        for (Thread t : senders) {
            t.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(failures).isEmpty();
        try {
            await().atMost(atMost).until(() -> delivered() >= acknowledged());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // what is missing is shown by the assertions that follow
        }
    }

    /**
     * Every acknowledged message reached its receiver exactly once and in seq order (by push, or pulled after a
     * gap or SYNC_HINT exactly as the SDK does), and no push came twice.
     */
    void assertEveryAcknowledgedMessageDeliveredOnceInOrder() {
        assertThat(failures).isEmpty();
        assertThat(acked).isNotEmpty();
        acked.forEach((conversation, bySeq) -> {
            List<Arrival> got = delivered.getOrDefault(conversation, List.of());
            List<Long> seqs = got.stream().map(Arrival::seq).toList();
            List<Long> expected = new ArrayList<>(bySeq.keySet().stream().sorted().toList());
            assertThat(seqs).as("delivered of %s, in order", conversation).isEqualTo(expected);
            Map<Long, String> pushedIds = new HashMap<>();
            got.forEach(a -> pushedIds.put(a.seq(), a.msgId()));
            assertThat(pushedIds).isEqualTo(bySeq);
        });
    }

    /**
     * The longest time, from {@code sinceNanos} on, in which no push reached the receivers on one node (messages
     * they pulled meanwhile do not count): how long cross-node pushes were interrupted.
     */
    Duration longestPushSilenceSince(long sinceNanos, int node) {
        return pushSilence(sinceNanos, node)[0];
    }

    /**
     * For the log: the longest push silence on a node, where it began (after {@code sinceNanos}), and how many
     * SYNC_HINTs its receivers got from then on.
     */
    String describePushSilence(long sinceNanos, int node) {
        Duration[] s = pushSilence(sinceNanos, node);
        Duration[] any = silence(sinceNanos, node, false);
        long hintsSince = hints.stream().filter(h -> h[0] == node && h[1] >= sinceNanos).count();
        return s[0].toMillis() + " ms (from +" + s[1].toMillis() + " ms; " + hintsSince + " hints; pushed or pulled: "
                + any[0].toMillis() + " ms from +" + any[1].toMillis() + " ms)";
    }

    private Duration[] pushSilence(long sinceNanos, int node) {
        return silence(sinceNanos, node, true);
    }

    private Duration[] silence(long sinceNanos, int node, boolean pushesOnly) {
        List<Long> times = new ArrayList<>();
        times.add(sinceNanos);
        delivered.values().forEach(list -> list.forEach(a -> {
            if (a.node() == node && (a.byPush() || !pushesOnly) && a.atNanos() >= sinceNanos) {
                times.add(a.atNanos());
            }
        }));
        times.sort(null);
        long longest = 0;
        long from = 0;
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i) - times.get(i - 1) > longest) {
                longest = times.get(i) - times.get(i - 1);
                from = times.get(i - 1) - sinceNanos;
            }
        }
        return new Duration[] {Duration.ofNanos(longest), Duration.ofNanos(from)};
    }

    @Override
    public void close() throws InterruptedException {
        sending.set(false);
        receiving.set(false);
        for (Thread t : senders) {
            t.join(Duration.ofSeconds(30).toMillis());
        }
        for (Thread t : receivers) {
            t.join(Duration.ofSeconds(5).toMillis());
        }
        clients.forEach(WsTestClient::close);
    }
}
