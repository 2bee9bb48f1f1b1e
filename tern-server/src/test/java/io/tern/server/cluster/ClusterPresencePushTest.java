package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.ChatResp;
import io.tern.protocol.PresenceNotify;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.support.ClusterStack;
import io.tern.server.support.Frames;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PRESENCE_NOTIFY across nodes: a chat partner on another node is told, and a user whose last device on one
 * node leaves while a device on another node stays is not announced offline.
 */
class ClusterPresencePushTest {
    private ClusterStack stack;
    private final List<TestServer> nodes = new ArrayList<>();
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        stack = ClusterStack.start();
        for (int i = 0; i < 3; i++) {
            nodes.add(TestServer.start(stack.node(i)));
        }
    }

    @AfterEach
    void stop() {
        clients.forEach(WsTestClient::close);
        nodes.forEach(TestServer::close);
        stack.close();
    }

    /** Connected and routed: after the SYNC answer, every node can find the session. */
    private WsTestClient online(int node, TestUser user) {
        WsTestClient c = nodes.get(node).connect(user);
        clients.add(c);
        c.send(new Sync(Map.of(), "hello"));
        c.next(SyncResp.class);
        return c;
    }

    private static PresenceNotify presenceOf(WsTestClient ws, TestUser user, boolean online) {
        return ws.next(PresenceNotify.class, p -> p.userId() == user.userId() && p.online() == online);
    }

    @Test
    void aPartnerOnAnotherNodeIsTold_andLeavingOneNodeWhileOnAnotherIsNoNews() {
        TestUser alice = nodes.get(0).user("alice");
        TestUser bob = nodes.get(0).user("bob");
        TestUser carol = nodes.get(0).user("carol");
        WsTestClient a = online(0, alice);
        a.send(Frames.chat("b", bob.userId(), "hi"));
        a.next(ChatResp.class);
        a.send(Frames.chat("c", carol.userId(), "hi"));
        a.next(ChatResp.class);

        WsTestClient phone = online(1, bob);
        presenceOf(a, bob, true); // announced by node 1, delivered on node 0
        WsTestClient laptop = online(2, nodes.get(0).http().login("bob", "laptop"));
        phone.close();
        // carol's notice is announced by node 1 after bob's leaving there; node 1's notices reach node 0 in order
        online(1, carol);
        presenceOf(a, carol, true);
        assertThat(a.skipped()).noneMatch(f -> f instanceof PresenceNotify p && p.userId() == bob.userId() && !p.online());
        laptop.close();
        presenceOf(a, bob, false);
    }
}
