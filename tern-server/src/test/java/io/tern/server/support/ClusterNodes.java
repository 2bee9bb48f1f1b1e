package io.tern.server.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In-process cluster nodes over one {@link ClusterStack} per test class: register it with
 * {@code @RegisterExtension static final ClusterNodes cluster = new ClusterNodes();}. The stack starts before the
 * class's first test and stops after its last; the nodes and clients a test started are closed after it.
 */
public final class ClusterNodes implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private ClusterStack stack;
    private final List<TestServer> nodes = new ArrayList<>();
    private final List<WsTestClient> clients = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = ClusterStack.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(WsTestClient::close);
        clients.clear();
        nodes.forEach(TestServer::close);
        nodes.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stack.close();
    }

    public ClusterStack stack() {
        return stack;
    }

    /** Starts nodes 0 to count - 1 (after those already started), each with the stack's settings and {@code extra}. */
    public void start(int count, Map<String, String> extra) {
        for (int i = 0; i < count; i++) {
            Map<String, String> config = new HashMap<>(stack.node(nodes.size()));
            config.putAll(extra);
            nodes.add(TestServer.start(config));
        }
    }

    public TestServer node(int i) {
        return nodes.get(i);
    }

    /** A WebSocket client of the user on node {@code node}, closed after the test. */
    public WsTestClient connect(int node, TestUser user) {
        return track(nodes.get(node).connect(user));
    }

    /** The same, once the node answered its first SYNC: its route is in Redis, so other nodes push to it. */
    public WsTestClient online(int node, TestUser user) {
        WsTestClient c = connect(node, user);
        c.send(new io.tern.protocol.Sync(Map.of(), "hello"));
        c.next(io.tern.protocol.SyncResp.class);
        return c;
    }

    /** Closes the client after the test. */
    public WsTestClient track(WsTestClient client) {
        clients.add(client);
        return client;
    }
}
