package io.tern.server.transport.http;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.cluster.NodeDirectory;
import io.tern.server.core.cluster.NodeInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/nodes}, for operators: the live nodes with their WebSocket URLs and connection counts. Not
 * for users (a user token does not open it): it needs {@code Authorization: Bearer <cluster.opsToken>}, and
 * with no ops token configured it is switched off (403).
 */
public final class NodeRoutes {
    private final NodeDirectory nodes;
    private final byte[] opsToken;

    public NodeRoutes(NodeDirectory nodes, String opsToken) {
        this.nodes = nodes;
        this.opsToken = opsToken.getBytes(StandardCharsets.UTF_8);
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.open("GET", "/api/nodes", this::list));
    }

    private ApiResponse list(ApiRequest request) {
        if (opsToken.length == 0) {
            throw new TernException(ErrorCode.FORBIDDEN, "the node list is switched off: set cluster.opsToken");
        }
        byte[] given = request.bearerToken() == null ? new byte[0]
                : request.bearerToken().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, opsToken)) { // constant time: the token is a password
            throw new TernException(ErrorCode.INVALID_TOKEN, "GET /api/nodes needs the operators' token");
        }
        List<Map<String, Object>> out = nodes.liveNodes().stream().map(NodeRoutes::json).toList();
        return ApiResponse.ok(Map.of("nodes", out));
    }

    private static Map<String, Object> json(NodeInfo n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodeId", n.nodeId());
        m.put("wsUrl", n.wsUrl());
        m.put("connections", n.connections());
        m.put("seenAt", n.seenAt());
        return m;
    }
}
