package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.protocol.Kick;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncHint;
import io.tern.protocol.SyncResp;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.Frames;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes in this JVM on a real Redis and a real PostgreSQL: delivery across nodes, the login route and
 * node list, concurrent writers in one conversation, and what a Redis or PostgreSQL outage and a clean stop
 * do. (Nodes as separate processes, killed with SIGKILL: {@link ClusterProcessTest}.)
 */
class RedisClusterTest {
    private static ClusterStack stack;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final List<TestServer> nodes = new ArrayList<>();
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        stack = ClusterStack.start();
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @BeforeEach
    void startNodes() {
        for (int i = 0; i < 3; i++) {
            nodes.add(TestServer.start(stack.node(i)));
        }
    }

    @AfterEach
    void stopNodes() {
        clients.forEach(WsTestClient::close);
        nodes.forEach(TestServer::close);
    }

    @Test
    void directAndGroupChat_reachUsersOnOtherNodes() {
        TestUser alice = user(0);
        TestUser bob = user(1);
        TestUser carol = user(2);
        WsTestClient a = online(0, alice);
        WsTestClient b = online(1, bob);
        WsTestClient c = online(2, carol);

        a.send(Frames.chat("d1", bob.userId(), "hello from node 0"));
        ChatResp resp = a.next(ChatResp.class);
        ChatPush push = b.next(ChatPush.class, p -> p.msgId().equals(resp.msgId()));
        assertThat(push.seq()).isEqualTo(1);
        assertThat(push.content().tree().get("body").asText()).isEqualTo("hello from node 0");

        long group = nodes.get(0).http().post("/api/groups", "{\"name\":\"g\",\"memberIds\":[" + bob.userId() + ","
                + carol.userId() + "]}", alice.token()).body().get("groupId").asLong();
        b.next(ChatPush.class, p -> p.conversationId().equals("g:" + group)); // the "created" event, from node 0
        c.next(ChatPush.class, p -> p.conversationId().equals("g:" + group));
        // node 1 caches the members (carol included) by fanning out a message of its own
        b.send(Frames.groupChat("g1", group, "from node 1"));
        long first = b.next(ChatResp.class).seq();
        c.next(ChatPush.class, p -> p.seq() == first);
        a.next(ChatPush.class, p -> p.seq() == first);

        // node 0 removes carol; node 1's cached list is now older than the group's members
        assertThat(nodes.get(0).http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodes.get(0).port()
                + "/api/groups/" + group + "/members/" + carol.userId())).DELETE(), alice.token()).status()).isEqualTo(200);
        c.next(ChatPush.class, p -> p.conversationId().equals("g:" + group) && p.seq() == first + 1); // her removal
        b.send(Frames.groupChat("g2", group, "carol is gone"));
        long second = b.next(ChatResp.class).seq();
        a.next(ChatPush.class, p -> p.seq() == second);
        // node 1 publishes to node 2 in order: carol gets this direct message only after anything sent before it
        b.send(Frames.chat("after", carol.userId(), "marker"));
        String marker = b.next(ChatResp.class).msgId();
        c.next(ChatPush.class, p -> p.msgId().equals(marker));
        assertThat(c.skipped()).noneMatch(f -> f instanceof ChatPush p && p.seq() == second
                && p.conversationId().equals("g:" + group));
    }

    @Test
    void login_routesToTheLeastLoadedLiveNode_andOperatorsSeeTheNodes() {
        Http http0 = nodes.get(0).http();
        assertThat(http0.get("/api/nodes", null).status()).isEqualTo(401);
        assertThat(http0.get("/api/nodes", "not-it").status()).isEqualTo(401);
        assertThat(http0.get("/api/nodes", user(0).token()).status()).as("a user token is no ops token").isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(nodeIds(http0)).containsExactly(0, 1, 2));

        for (int i = 0; i < 3; i++) {
            online(0, user(0));
            online(1, user(1));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode listed = http0.get("/api/nodes", ClusterStack.OPS_TOKEN).body().get("nodes");
            assertThat(listed.get(0).get("connections").asLong()).isEqualTo(3);
            assertThat(listed.get(1).get("connections").asLong()).isEqualTo(3);
            assertThat(listed.get(2).get("connections").asLong()).isZero();
        });
        String name = "route" + NAMES.incrementAndGet();
        http0.post("/api/register", "{\"username\":\"" + name + "\",\"password\":\"password-1\"}", null);
        Http.Response login = http0.post("/api/login", "{\"username\":\"" + name + "\",\"password\":\"password-1\"}", null);
        assertThat(login.body().get("wsUrl").asText()).isEqualTo(nodes.get(2).wsUrl());
    }

    @Test
    void concurrentSendersOnThreeNodes_getGaplessOrderedSeqs() throws Exception {
        int perNode = 3;
        int each = 60;
        TestUser owner = user(0);
        List<TestUser> senders = new ArrayList<>();
        List<WsTestClient> conns = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            for (int s = 0; s < perNode; s++) {
                TestUser u = user(n);
                senders.add(u);
                conns.add(online(n, u));
            }
        }
        String ids = senders.stream().map(u -> Long.toString(u.userId())).reduce((x, y) -> x + "," + y).orElseThrow();
        long group = nodes.get(0).http().post("/api/groups", "{\"name\":\"busy\",\"memberIds\":[" + ids + "]}",
                owner.token()).body().get("groupId").asLong();
        for (int i = 0; i < each; i++) { // every sender pipelines its messages; nine senders on three nodes at once
            for (WsTestClient c : conns) {
                c.send(Frames.groupChat("m" + i, group, "n" + i));
            }
        }
        Set<Long> seqs = new HashSet<>();
        for (WsTestClient c : conns) {
            long last = 0;
            for (int i = 0; i < each; i++) {
                ChatResp resp = c.next(ChatResp.class, r -> true);
                assertThat(resp.seq()).as("one sender's messages keep their order").isGreaterThan(last);
                last = resp.seq();
                assertThat(seqs.add(resp.seq())).as("seq %d handed out twice", resp.seq()).isTrue();
            }
        }
        long messages = (long) senders.size() * each;
        assertThat(seqs).hasSize((int) messages);
        assertThat(seqs.stream().mapToLong(Long::longValue).min().orElseThrow()).isEqualTo(2); // 1: "created"
        assertThat(seqs.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(messages + 1);
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), "postgres", "postgres");
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT seq), MAX(seq), "
                     + "(SELECT last_seq FROM conversations WHERE id = 'g:" + group + "') FROM messages "
                     + "WHERE conversation_id = 'g:" + group + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(messages + 1);
            assertThat(rs.getLong(2)).isEqualTo(messages + 1);
            assertThat(rs.getLong(3)).isEqualTo(messages + 1);
            assertThat(rs.getLong(4)).isEqualTo(messages + 1);
        }
    }

    /**
     * Each node publishes its own commits, so without reordering a receiver on a third node gets a later seq
     * from one node before an earlier one from another. Here it must see every seq once, in order, with no gap,
     * and its cumulative acks must leave nothing to push again.
     */
    @Test
    void concurrentSendersOnTwoNodes_reachAReceiverOnAThirdInSeqOrder_andItsAcksClearEveryPush() {
        int perNode = 3;
        int each = 50;
        TestUser owner = user(0);
        TestUser receiver = user(2);
        List<TestUser> senders = new ArrayList<>();
        List<WsTestClient> conns = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            for (int s = 0; s < perNode; s++) {
                TestUser u = user(n);
                senders.add(u);
                conns.add(online(n, u));
            }
        }
        WsTestClient r = online(2, receiver);
        StringBuilder ids = new StringBuilder(Long.toString(receiver.userId()));
        senders.forEach(u -> ids.append(',').append(u.userId()));
        long group = nodes.get(0).http().post("/api/groups", "{\"name\":\"ordered\",\"memberIds\":[" + ids + "]}",
                owner.token()).body().get("groupId").asLong();
        String conversation = "g:" + group;
        // seq 1, the "created" event, is in first: the first push of a conversation a node does not track yet
        // sets where its order starts (docs/cluster.md), so a sender's seq 2 overtaking it through Redis would
        // make the receiver pull seq 1 instead; this test is about the concurrent senders after it
        assertThat(r.next(ChatPush.class, x -> x.conversationId().equals(conversation)).seq()).isEqualTo(1);
        r.send(io.tern.protocol.Ack.of(conversation, 1));
        for (int i = 0; i < each; i++) { // six senders on two nodes pipeline their messages at once
            for (WsTestClient c : conns) {
                c.send(Frames.groupChat("o" + i, group, "n" + i));
            }
        }
        long total = (long) senders.size() * each + 1; // seq 1 is the "created" event
        Set<Long> seen = new HashSet<>(Set.of(1L));
        long last = 1;
        while (last < total) {
            ChatPush p = r.next(ChatPush.class, x -> x.conversationId().equals(conversation));
            if (!seen.add(p.seq())) {
                continue; // a re-push of one not acknowledged yet (our ack may have crossed it): allowed
            }
            assertThat(p.seq()).as("the push after seq %d", last).isEqualTo(last + 1);
            last = p.seq();
            r.send(io.tern.protocol.Ack.of(conversation, last)); // cumulative, as the SDK acks
        }
        // every push to node 2 was cleared by an ack, so nothing is left to push again
        int port = nodes.get(2).port();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = io.tern.server.support.Scrape.metrics(port);
            assertThat(io.tern.server.support.Scrape.value(metrics, "tern_messages_acked_total"))
                    .isEqualTo(io.tern.server.support.Scrape.value(metrics, "tern_messages_pushed_total"));
        });
    }

    @Test
    void redisOutage_localDeliveryGoesOn_andWhenItIsBackClientsAreToldToSync() throws Exception {
        TestUser alice = user(0);
        TestUser dave = user(0);
        TestUser bob = user(1);
        WsTestClient a = online(0, alice);
        WsTestClient d = online(0, dave);
        WsTestClient b = online(1, bob);

        stack.stopRedis();
        try {
            a.send(Frames.chat("local", dave.userId(), "same node"));
            a.next(ChatResp.class);
            d.next(ChatPush.class);
            a.send(Frames.chat("remote", bob.userId(), "other node, Redis away"));
            assertThat(a.next(ChatResp.class).seq()).isEqualTo(1); // stored: PostgreSQL is fine
        } finally {
            stack.startRedis();
        }
        b.next(SyncHint.class); // node 1 noticed Redis came back (empty): re-registered, tells its clients
        b.send(new Sync(Map.of(), "after-outage"));
        SyncResp resp = b.next(SyncResp.class);
        assertThat(resp.conversations()).anySatisfy(s -> assertThat(s.lastSeq()).isEqualTo(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(nodeIds(nodes.get(2).http())).containsExactly(0, 1, 2));
        // routes are back too: a push crosses nodes again
        a.send(Frames.chat("again", bob.userId(), "Redis is back"));
        String again = a.next(ChatResp.class).msgId();
        b.next(ChatPush.class, p -> p.msgId().equals(again));
    }

    @Test
    void postgresOutage_sendGetsStoreUnavailable_andTheResendIsStoredOnce() throws Exception {
        TestUser alice = user(0);
        TestUser bob = user(1);
        WsTestClient a = online(0, alice);
        WsTestClient b = online(1, bob);
        stack.stopPostgres();
        try {
            a.send(Frames.chat("during", bob.userId(), "database away"));
            ErrorFrame error = a.next(ErrorFrame.class);
            assertThat(error.error()).isEqualTo("STORE_UNAVAILABLE");
            assertThat(error.clientMsgId()).isEqualTo("during");
        } finally {
            stack.startPostgres();
        }
        ChatResp[] stored = new ChatResp[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            a.send(Frames.chat("during", bob.userId(), "database away")); // the SDK's retry: same clientMsgId
            Frame answer = a.next(Frame.class, f -> f instanceof ChatResp || f instanceof ErrorFrame);
            stored[0] = answer instanceof ChatResp r ? r : null;
            return stored[0] != null;
        });
        a.send(Frames.chat("during", bob.userId(), "database away"));
        assertThat(a.next(ChatResp.class)).isEqualTo(stored[0]);
        b.next(ChatPush.class, p -> p.msgId().equals(stored[0].msgId()));
        JsonNode history = nodes.get(2).http().get("/api/conversations/" + stored[0].conversationId() + "/messages",
                bob.token()).body().get("messages");
        assertThat(history).hasSize(1);
    }

    @Test
    void cleanStop_leavesTheRoute_andTellsItsClientsToReconnectElsewhere() {
        TestUser carol = user(2);
        WsTestClient c = online(2, carol);
        nodes.remove(2).close();
        assertThat(c.next(Kick.class).reason()).isEqualTo(Kick.SHUTDOWN);
        assertThat(nodeIds(nodes.get(0).http())).containsExactly(0, 1);
        String name = "after" + NAMES.incrementAndGet();
        nodes.get(0).http().post("/api/register", "{\"username\":\"" + name + "\",\"password\":\"password-1\"}", null);
        for (int i = 0; i < 5; i++) {
            String url = nodes.get(0).http().post("/api/login", "{\"username\":\"" + name
                    + "\",\"password\":\"password-1\"}", null).body().get("wsUrl").asText();
            assertThat(url).isIn(nodes.get(0).wsUrl(), nodes.get(1).wsUrl());
        }
    }

    private TestUser user(int node) {
        return nodes.get(node).user("user" + NAMES.incrementAndGet());
    }

    /** Connects to the node and waits for the first SYNC: from then on every node routes pushes here. */
    private WsTestClient online(int node, TestUser user) {
        WsTestClient c = nodes.get(node).connect(user);
        clients.add(c);
        c.send(new Sync(Map.of(), "hello"));
        c.next(SyncResp.class);
        return c;
    }

    private static List<Integer> nodeIds(Http http) {
        List<Integer> ids = new ArrayList<>();
        http.get("/api/nodes", ClusterStack.OPS_TOKEN).body().get("nodes").forEach(n -> ids.add(n.get("nodeId").asInt()));
        return ids;
    }
}
