package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.cluster.NodeDirectory;
import io.tern.server.core.cluster.NodeInfo;
import io.tern.server.core.cluster.NodeOrders;
import io.tern.server.core.cluster.Rebalance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators' cluster endpoints, all behind {@code Authorization: Bearer <cluster.opsToken>} (switched off,
 * 403, with no ops token): {@code GET /api/nodes} lists the live nodes with their figures; {@code POST
 * /api/nodes/{nodeId}/drain} moves a node's clients off and keeps logins away from it, {@code DELETE} of the
 * same ends that; {@code POST /api/nodes/rebalance} asks the busiest nodes to move a share of their clients to
 * the least loaded. Any node takes the orders for any node (docs/cluster.md, "Drain and rebalance").
 */
public final class NodeRoutes {
    private static final int MAX_RATE = 100_000;

    private final NodeDirectory nodes;
    /** Null on a single node: nothing to move clients to. */
    private final NodeOrders orders;
    private final byte[] opsToken;
    /** {@code cluster.loginStaleAfter}: a node whose heartbeat is older takes no clients. */
    private final long staleAfterMillis;

    public NodeRoutes(NodeDirectory nodes, NodeOrders orders, String opsToken, java.time.Duration staleAfter) {
        this.staleAfterMillis = staleAfter.toMillis();
        this.nodes = nodes;
        this.orders = orders;
        this.opsToken = opsToken.getBytes(StandardCharsets.UTF_8);
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.open("GET", "/api/nodes", this::list),
                ApiRoute.open("POST", "/api/nodes/{nodeId}/drain", this::drain),
                ApiRoute.open("DELETE", "/api/nodes/{nodeId}/drain", this::resume),
                ApiRoute.open("POST", "/api/nodes/rebalance", this::rebalance));
    }

    private ApiResponse list(ApiRequest request) {
        checkToken(request);
        List<Map<String, Object>> out = nodes.liveNodes().stream().map(NodeRoutes::json).toList();
        return ApiResponse.ok(Map.of("nodes", out));
    }

    /**
     * {@code {"rate": clients a second, "exit": true}} (both optional; exit: the node stops once no session is
     * left): needs another node that takes logins.
     */
    private ApiResponse drain(ApiRequest request) {
        checkToken(request);
        NodeOrders o = cluster();
        int rate = rate(request.json());
        JsonNode exitField = request.json().path("exit");
        if (!exitField.isMissingNode() && !exitField.isNull() && !exitField.isBoolean()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "exit must be true or false");
        }
        boolean exit = exitField.asBoolean(false);
        List<NodeInfo> live = nodes.liveNodes();
        NodeInfo target = target(request, live);
        if (live.stream().noneMatch(n -> n.nodeId() != target.nodeId() && Rebalance.takesLogins(n, staleAfterMillis))) {
            throw new TernException(ErrorCode.NO_NODE_TO_MOVE_TO,
                    "node " + target.nodeId() + " is the only node taking logins: its clients have nowhere to go");
        }
        o.drain(target.nodeId(), rate, exit);
        return ApiResponse.ok(Map.of("nodeId", target.nodeId(), "draining", true, "clients", target.connections(),
                "exit", exit));
    }

    private ApiResponse resume(ApiRequest request) {
        checkToken(request);
        NodeOrders o = cluster();
        NodeInfo target = target(request, nodes.liveNodes());
        o.resume(target.nodeId());
        return ApiResponse.ok(Map.of("nodeId", target.nodeId(), "draining", false));
    }

    /** {@code {"share": 0..1 of each node's excess over the average (default 1), "rate": clients a second}}. */
    private ApiResponse rebalance(ApiRequest request) {
        checkToken(request);
        NodeOrders o = cluster();
        JsonNode body = request.json();
        JsonNode shareField = body.path("share");
        double share = shareField.isMissingNode() || shareField.isNull() ? 1.0 : shareField.asDouble(-1);
        if (!shareField.isMissingNode() && !shareField.isNull() && !shareField.isNumber() || share <= 0 || share > 1) {
            throw new TernException(ErrorCode.INVALID_FIELD, "share must be a number above 0 and at most 1");
        }
        int rate = rate(body);
        List<Rebalance.Move> moves = Rebalance.plan(nodes.liveNodes(), share, staleAfterMillis);
        for (Rebalance.Move m : moves) {
            o.move(m.nodeId(), m.clients(), rate);
        }
        return ApiResponse.ok(Map.of("moves", moves.stream()
                .map(m -> Map.of("nodeId", m.nodeId(), "clients", m.clients())).toList()));
    }

    private NodeOrders cluster() {
        if (orders == null) {
            throw new TernException(ErrorCode.NOT_IN_CLUSTER,
                    "this is a single node (cluster.mode=SINGLE): there is no other node to move clients to");
        }
        return orders;
    }

    private static NodeInfo target(ApiRequest request, List<NodeInfo> live) {
        String id = request.pathParams().get("nodeId");
        return live.stream().filter(n -> Integer.toString(n.nodeId()).equals(id)).findFirst()
                .orElseThrow(() -> new TernException(ErrorCode.NO_SUCH_NODE, "no live node with id " + id));
    }

    private static int rate(JsonNode body) {
        JsonNode field = body.get("rate");
        if (field == null || field.isNull()) {
            return 0;
        }
        if (!field.canConvertToInt() || !field.isIntegralNumber() || field.asInt() < 1 || field.asInt() > MAX_RATE) {
            throw new TernException(ErrorCode.INVALID_FIELD, "rate must be a whole number of clients a second, 1.."
                    + MAX_RATE);
        }
        return field.asInt();
    }

    private void checkToken(ApiRequest request) {
        if (opsToken.length == 0) {
            throw new TernException(ErrorCode.FORBIDDEN, "the cluster endpoints are switched off: set cluster.opsToken");
        }
        byte[] given = request.bearerToken() == null ? new byte[0]
                : request.bearerToken().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, opsToken)) { // constant time: the token is a password
            throw new TernException(ErrorCode.INVALID_TOKEN, request.method() + " " + request.path()
                    + " needs the operators' token");
        }
    }

    private static Map<String, Object> json(NodeInfo n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodeId", n.nodeId());
        m.put("wsUrl", n.wsUrl());
        m.put("connections", n.connections());
        m.put("seenAt", n.seenAt());
        m.put("sessions", n.sessions());
        m.put("messagesPerSecond", n.messagesPerSecond());
        m.put("heartbeatAgeMillis", n.heartbeatAgeMillis());
        m.put("draining", n.draining());
        return m;
    }
}
