package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.Frames;
import io.tern.server.support.FakeTicker;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where a cluster sends logins, and how it finds the nodes of a message's recipients. */
class ClusterRoutingTest {
    private static ClusterStack stack;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final List<TestServer> nodes = new ArrayList<>();
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        stack = ClusterStack.start();
        redisClient = RedisClient.create(stack.redisUri());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stopStack() {
        redis.close();
        redisClient.shutdown();
        stack.close();
    }

    @AfterEach
    void stopNodes() {
        clients.forEach(WsTestClient::close);
        nodes.forEach(TestServer::close);
    }

    @Test
    void aNodeWhoseHeartbeatStopped_getsNoLoginsLongBeforeItsEntryExpires() {
        FakeTicker ticker = new FakeTicker();
        TestServer node = TestServer.start(stack.node(0), ticker);
        nodes.add(node);
        // node 9 was killed a moment ago: its entry (emptiest of all) is still there, and stays for the test
        redis.sync().set(Keys.node(9), "{\"nodeId\":9,\"wsUrl\":\"ws://killed.invalid/ws\",\"connections\":-1,"
                + "\"seenAt\":1,\"instance\":\"x\"}");
        redis.sync().sadd(Keys.NODES, "9");
        try {
            String name = "login" + NAMES.incrementAndGet();
            Http http = node.http();
            http.post("/api/register", "{\"username\":\"" + name + "\",\"password\":\"password-1\"}", null);
            // first seen just now: as far as node 0 can tell it is alive, and the least loaded
            assertThat(login(http, name)).isEqualTo("ws://killed.invalid/ws");

            ticker.advance(Duration.ofMillis(1300)); // cluster.loginStaleAfter is 1200ms in ClusterStack
            for (int i = 0; i < 10; i++) {
                assertThat(login(http, name)).isEqualTo(node.wsUrl());
            }
            assertThat(http.get("/api/nodes", ClusterStack.OPS_TOKEN).body().findValuesAsText("wsUrl"))
                    .as("listed until its entry expires").contains("ws://killed.invalid/ws");
        } finally {
            redis.sync().del(Keys.node(9));
            redis.sync().srem(Keys.NODES, "9");
        }
    }

    @Test
    void aNodeAClientCouldNotReach_getsNoLoginsUntilItBeatsAgain_andReconnectCostsNoPassword() {
        FakeTicker ticker = new FakeTicker(); // never advanced: only the client's report takes node 9 out
        TestServer node = TestServer.start(stack.node(0), ticker);
        nodes.add(node);
        String killed = "ws://killed.invalid/ws";
        // far below node 0's load: the logins below (registerAndLogin is one) add to it as they are routed there
        redis.sync().set(Keys.node(9), "{\"nodeId\":9,\"wsUrl\":\"" + killed + "\",\"connections\":-100,"
                + "\"seenAt\":1,\"instance\":\"x\"}");
        redis.sync().sadd(Keys.NODES, "9");
        try {
            String name = "avoid" + NAMES.incrementAndGet();
            Http http = node.http();
            TestUser user = http.registerAndLogin(name, null);
            assertThat(login(http, name)).as("the least loaded, and fresh as far as node 0 can tell").isEqualTo(killed);

            Http.Response moved = http.post("/api/reconnect", "{\"avoid\":[\"" + killed + "\"]}", user.token());
            assertThat(moved.body().get("wsUrl").asText()).isEqualTo(node.wsUrl());
            for (int i = 0; i < 5; i++) {
                assertThat(login(http, name)).as("suspected by every later login too").isEqualTo(node.wsUrl());
            }
            redis.sync().set(Keys.node(9), "{\"nodeId\":9,\"wsUrl\":\"" + killed + "\",\"connections\":-100,"
                    + "\"seenAt\":2,\"instance\":\"x\"}"); // it beat: alive after all
            assertThat(login(http, name)).isEqualTo(killed);

            assertThat(http.post("/api/reconnect", "{\"avoid\":[]}", null).status()).isEqualTo(401);
            Http.Response bad = http.post("/api/reconnect", "{\"avoid\":\"" + killed + "\"}", user.token());
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body().at("/error/code").asText()).isEqualTo("INVALID_FIELD");
        } finally {
            redis.sync().del(Keys.node(9));
            redis.sync().srem(Keys.NODES, "9");
        }
    }

    @Test
    void aRecipientWhoMovesToAnotherNode_getsThePushThere_becauseTheSendersCachedRouteWasDropped() {
        for (int i = 0; i < 3; i++) {
            nodes.add(TestServer.start(stack.node(i)));
        }
        TestUser alice = nodes.get(0).user("alice" + NAMES.incrementAndGet());
        TestUser bob = nodes.get(1).user("bob" + NAMES.incrementAndGet());
        WsTestClient a = online(0, alice);
        WsTestClient b = online(1, bob);
        for (int i = 0; i < 3; i++) { // node 0 reads bob's route once, then serves it from its cache
            a.send(Frames.chat("before" + i, bob.userId(), "to node 1"));
            String msgId = a.next(ChatResp.class).msgId();
            b.next(ChatPush.class, p -> p.msgId().equals(msgId));
        }

        b.close();
        WsTestClient moved = online(2, bob); // the same device, now on node 2
        a.send(Frames.chat("after", bob.userId(), "to node 2"));
        String msgId = a.next(ChatResp.class).msgId();
        assertThat(moved.next(ChatPush.class, p -> p.msgId().equals(msgId)).content().tree().get("body").asText())
                .isEqualTo("to node 2");
    }

    @Test
    void recipientsOnManyNodes_areLookedUpInOneRoundTrip_andAllGetTheGroupMessage() {
        for (int i = 0; i < 3; i++) {
            nodes.add(TestServer.start(stack.node(i)));
        }
        TestUser owner = nodes.get(0).user("owner" + NAMES.incrementAndGet());
        List<TestUser> members = new ArrayList<>();
        List<WsTestClient> clients = new ArrayList<>();
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            TestUser m = nodes.get(1 + i % 2).user("member" + NAMES.incrementAndGet());
            members.add(m);
            ids.append(i > 0 ? "," : "").append(m.userId());
        }
        long group = nodes.get(0).http().post("/api/groups", "{\"name\":\"g\",\"memberIds\":[" + ids + "]}",
                owner.token()).body().get("groupId").asLong();
        for (int i = 0; i < 6; i++) {
            clients.add(online(1 + i % 2, members.get(i)));
        }
        WsTestClient o = online(0, owner);
        long evalsBefore = commandCount("eval");
        long hgetallsBefore = commandCount("hgetall");
        o.send(Frames.groupChat("g1", group, "to everyone"));
        String msgId = o.next(ChatResp.class).msgId();
        for (WsTestClient c : clients) {
            c.next(ChatPush.class, p -> p.msgId().equals(msgId));
        }
        // Redis counts the HGETALLs the script runs too: one per member, all inside the one script call
        assertThat(commandCount("eval") - evalsBefore).as("one script for all recipients").isEqualTo(1);
        assertThat(commandCount("hgetall") - hgetallsBefore).isEqualTo(7);
    }

    /** How often Redis ran a command so far (INFO commandstats). */
    private static long commandCount(String command) {
        for (String line : redis.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    private WsTestClient online(int node, TestUser user) {
        WsTestClient c = nodes.get(node).connect(user);
        clients.add(c);
        c.send(new Sync(Map.of(), "hello"));
        c.next(SyncResp.class);
        return c;
    }

    private static String login(Http http, String name) {
        return http.post("/api/login", "{\"username\":\"" + name + "\",\"password\":\"password-1\"}", null).body()
                .get("wsUrl").asText();
    }
}
