package io.tern.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.client.Sent;
import io.tern.client.TernClient;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.TestUser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THE fault test. 60 SDK users spread over three node processes send about 300 messages a second — one-to-one
 * and in three groups — for at least 32 seconds (9600 sends), while one node is killed with SIGKILL (and
 * started again), the Redis primary is stopped (the nodes reach Redis through a Sentinel, which promotes the
 * replica), and PostgreSQL is stopped for four seconds; traffic goes on for at
 * least another 1800 sends after the last fault. Afterwards every message whose send completed (the sender got
 * CHAT_RESP) must have reached every recipient's application exactly once, in seq order per conversation, every
 * send must have completed (the SDK retries through every outage), and the store must hold each message once.
 *
 * <p>The machine may be busy (two cores shared with other builds): the test waits for conditions, never for a
 * fixed time, and its bounds ({@link #PATIENCE}) only end a run that hangs. A slow machine sends the same
 * messages more slowly instead of fewer of them, and the faults still fall in the middle of the traffic.
 */
class ClusterFaultTest {
    private static final Logger log = LoggerFactory.getLogger(ClusterFaultTest.class);
    private static final int USERS = 60;
    private static final int GROUP_SIZE = 10;
    private static final int GROUPS = 3;
    private static final int PER_TICK = 3; // every 10 ms: about 300 messages a second
    private static final Duration RUN = Duration.ofSeconds(32);
    /** At least this many sends: RUN at the full rate. */
    private static final int MIN_SENDS = PER_TICK * (int) (RUN.toMillis() / 10);
    /** Sends after PostgreSQL is back (6 s at the full rate): recovery happens under traffic too. */
    private static final int SENDS_AFTER_FAULTS = PER_TICK * 600;
    /** Upper bound of every wait: generous, since each wait ends as soon as its condition holds. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** A message the server accepted, and who must get it. */
    private record Accepted(Sent sent, int sender, List<Integer> recipients) {
    }

    private ThreeNodes cluster;
    private final AtomicInteger sends = new AtomicInteger();
    /** The number of sends when each fault began: each must fall inside the traffic. */
    private final Map<String, Integer> sendsAtFault = new ConcurrentHashMap<>();
    private final ScheduledExecutorService traffic = Executors.newScheduledThreadPool(2);
    /** Runs the faults, one after the other. */
    private final ScheduledExecutorService chaos = Executors.newScheduledThreadPool(4);
    /** When the clients of the killed node were connected again. */
    private final Failover failover = new Failover(USERS);

    @AfterEach
    void stop() throws InterruptedException {
        traffic.shutdownNow();
        chaos.shutdownNow();
        traffic.awaitTermination(10, TimeUnit.SECONDS);
        chaos.awaitTermination(30, TimeUnit.SECONDS);
        if (cluster != null) {
            cluster.saveLogs("fault");
            cluster.close();
        }
    }

    @Test
    void nodeKilledRedisPrimaryFailedOverPostgresStopped_everyAcceptedMessageArrivesOnceAndInOrder() throws Exception {
        // the failover figures in docs/cluster.md are for the default heartbeat and login staleness (the stack's
        // own are shorter)
        cluster = ThreeNodes.startOnSentinel("--set", "cluster.heartbeat=500ms", "--set",
                "cluster.loginStaleAfter=1500ms");
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(cluster.http(i % 3).registerAndLogin("fault" + i, null));
        }
        long[] groupIds = new long[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            StringBuilder members = new StringBuilder();
            for (int m = 1; m < GROUP_SIZE; m++) {
                members.append(m > 1 ? "," : "").append(users.get(g * GROUP_SIZE + m).userId());
            }
            groupIds[g] = cluster.http(0).post("/api/groups", "{\"name\":\"g" + g + "\",\"memberIds\":[" + members + "]}",
                    users.get(g * GROUP_SIZE).token()).body().get("groupId").asLong();
        }
        List<Inbox> inboxes = new ArrayList<>();
        List<TernClient> clients = new ArrayList<>();
        List<CompletableFuture<Void>> connected = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            Inbox inbox = new Inbox("fault" + i);
            TernClient client = cluster.client("fault" + i, inbox, failover.listener(i));
            inboxes.add(inbox);
            clients.add(client);
            connected.add(client.connect());
        }
        CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> { // counts are as of each node's heartbeat
            Map<Integer, Long> perNode = connectionsPerNode();
            assertThat(perNode.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(USERS);
            assertThat(perNode).as("logins are spread over all three nodes").hasSize(3)
                    .allSatisfy((n, c) -> assertThat(c).isPositive());
        });
        log.info("connections per node after login: {}", connectionsPerNode());

        // steady traffic (a tick late on a busy machine is made up: fixed rate), and the faults below
        Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
        Queue<Throwable> failed = new ConcurrentLinkedQueue<>();
        Map<String, CompletableFuture<Sent>> pending = new ConcurrentHashMap<>();
        Random random = new Random(42);
        traffic.scheduleAtFixedRate(() -> {
            for (int k = 0; k < PER_TICK; k++) {
                int from;
                int to;
                boolean toGroup;
                synchronized (random) {
                    from = random.nextInt(USERS);
                    to = random.nextInt(USERS - 1);
                    toGroup = from < GROUPS * GROUP_SIZE && random.nextInt(4) == 0;
                }
                int n = sends.incrementAndGet();
                String body = "m" + n + "-from-" + from; // unique: the store must hold it once
                List<Integer> recipients = new ArrayList<>();
                CompletableFuture<Sent> f;
                if (toGroup) {
                    int g = from / GROUP_SIZE;
                    for (int m = g * GROUP_SIZE; m < (g + 1) * GROUP_SIZE; m++) {
                        if (m != from) {
                            recipients.add(m);
                        }
                    }
                    f = clients.get(from).sendToGroup(groupIds[g], body);
                } else {
                    int target = to >= from ? to + 1 : to;
                    recipients.add(target);
                    f = clients.get(from).send(users.get(target).userId(), body);
                }
                pending.put(body, f);
                int sender = from;
                f.whenComplete((sent, err) -> {
                    if (err != null) {
                        failed.add(err);
                    } else {
                        accepted.add(new Accepted(sent, sender, recipients));
                    }
                    pending.remove(body); // last: once pending is empty, every answer is recorded
                });
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        // The faults, in order, each at its time but never before the previous one is over: on a busy machine a
        // node start can take longer than the gap to the next fault, and a node does not start while PostgreSQL
        // is stopped (so the restart must not run into the outage).
        long started = System.nanoTime();
        CompletableFuture<Integer> postgresBack = fault(started, 8, "kill node 1", () -> {
                    failover.killed();
                    cluster.kill(1);
                })
                .thenCompose(x -> fault(started, 12, "restart node 1", () -> cluster.restart(1)))
                .thenCompose(x -> fault(started, 17, "stop the Redis primary (Sentinel fails over)",
                        () -> {
                            long stopped = System.nanoTime();
                            cluster.failOverRedis(PATIENCE);
                            log.info("the Sentinel named the replica primary {} ms after the primary stopped",
                                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
                        }))
                .thenCompose(x -> fault(started, 22, "stop PostgreSQL for 4 s", () -> cluster.stack().stopPostgres()))
                .thenCompose(x -> fault(System.nanoTime(), 4, "start PostgreSQL", () -> cluster.stack().startPostgres()))
                .thenApply(x -> sends.get());
        int sendsWhenBack = postgresBack.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        List<Long> reconnects = failover.reconnectMillis();
        log.info("clients of the killed node connected again after (ms from the kill): p50 {}, p99 {}, max {} ({} clients; "
                + "{} not yet): {}", Failover.percentile(reconnects, 50), Failover.percentile(reconnects, 99),
                Failover.percentile(reconnects, 100), reconnects.size(), failover.stillAway(), reconnects);
        assertThat(reconnects).as("clients of the killed node that reconnected").isNotEmpty();
        // issue 17: sending again within 3 s at p99 (measured 0.6 to 1.3 s here on a loaded two-core machine)
        assertThat(Failover.percentile(reconnects, 99)).as("p99 ms from the kill to connected elsewhere")
                .isLessThan(3000);
        // traffic stops once RUN's worth of sends went out and recovery had traffic of its own, however long it took
        int enough = Math.max(MIN_SENDS, sendsWhenBack + SENDS_AFTER_FAULTS);
        await().atMost(PATIENCE).until(() -> sends.get() >= enough);
        traffic.shutdown();
        assertThat(traffic.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        int total = sends.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("{} sends in {} s ({} a second); faults at {} sends; waiting for the last answers", total,
                String.format("%.1f", seconds), Math.round(total / seconds), sendsAtFault);
        assertThat(total).isGreaterThanOrEqualTo(MIN_SENDS);
        assertThat(sendsAtFault).as("every fault fell inside the traffic").hasSize(5)
                .allSatisfy((fault, n) -> assertThat(n).as(fault).isPositive().isLessThan(total));

        // every send is answered: the SDK resends through reconnects and store outages
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(pending::isEmpty);
        assertThat(failed).as("sends that failed for good").isEmpty();
        assertThat(accepted).hasSize(total);

        // every accepted message reaches every recipient
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> missing = new ArrayList<>();
            for (Accepted a : accepted) {
                for (int r : a.recipients()) {
                    if (!inboxes.get(r).has(a.sent().msgId()) && missing.size() < 20) {
                        missing.add(a.sent().msgId() + " (" + a.sent().conversationId() + " seq " + a.sent().seq()
                                + ") for fault" + r + ", whose cursor there is "
                                + clients.get(r).cursors().get(a.sent().conversationId()) + "; "
                                + memberRow(users.get(r).userId(), a.sent().conversationId()));
                    }
                }
            }
            assertThat(missing).as("messages not yet delivered").isEmpty();
        });
        // exactly once, in seq order
        List<String> problems = new ArrayList<>();
        inboxes.forEach(inbox -> problems.addAll(inbox.problems()));
        assertThat(problems).isEmpty();
        // and stored once: every body appears in exactly one row
        try (Connection db = DriverManager.getConnection(cluster.stack().jdbcUrl(), "postgres", "postgres");
             Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT content) FROM messages "
                    + "WHERE content LIKE '%\"body\":\"m%-from-%'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows").isEqualTo(total);
                assertThat(rs.getLong(2)).as("distinct contents").isEqualTo(total);
            }
        }
        log.info("checked {} messages: all delivered once and in order; connections per node now {}", total,
                connectionsPerNode());
    }

    /** A fault that can throw. */
    private interface Fault {
        void make() throws Exception;
    }

    /**
     * Makes a fault on the chaos thread {@code second} seconds after {@code from}, or at once if that is past;
     * completes when it is made, exceptionally if it could not be (then the test would prove nothing).
     */
    private CompletableFuture<Void> fault(long from, int second, String name, Fault fault) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long delay = Math.max(0, from + TimeUnit.SECONDS.toNanos(second) - System.nanoTime());
        chaos.schedule(() -> {
            sendsAtFault.put(name, sends.get());
            log.info("{} after {} sends", name, sends.get());
            try {
                fault.make();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, delay, TimeUnit.NANOSECONDS);
        return done;
    }

    /** The recipient's cursors in the store, to tell a lost push from a wrong ack when a message is missing. */
    private String memberRow(long userId, String conversationId) {
        try (Connection db = DriverManager.getConnection(cluster.stack().jdbcUrl(), "postgres", "postgres");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT delivered_seq, read_seq, joined_seq FROM members WHERE user_id = "
                     + userId + " AND conversation_id = '" + conversationId + "'")) {
            return rs.next() ? "stored delivered_seq " + rs.getLong(1) + ", read_seq " + rs.getLong(2) + ", joined_seq "
                    + rs.getLong(3) : "no member row";
        } catch (java.sql.SQLException e) {
            return "member row unreadable: " + e;
        }
    }

    private Map<Integer, Long> connectionsPerNode() {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        cluster.http(0).get("/api/nodes", ClusterStack.OPS_TOKEN).body().get("nodes")
                .forEach(n -> out.put(n.get("nodeId").asInt(), n.get("connections").asLong()));
        return out;
    }
}
