package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.server.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/nodes on a single node: off without an ops token, else the node itself; login is unchanged. */
class SingleNodeDirectoryTest {
    @Test
    void withoutAnOpsToken_theNodeListIsSwitchedOff() {
        try (TestServer server = TestServer.start()) {
            var r = server.http().get("/api/nodes", server.user("alice").token());
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body().get("error").get("code").asText()).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void withAnOpsToken_theSingleNodeListsItself_andLoginStillAnswersItsOwnUrl() {
        try (TestServer server = TestServer.start(Map.of("cluster.opsToken", "ops", "cluster.nodeId", "7"))) {
            JsonNode nodes = server.http().get("/api/nodes", "ops").body().get("nodes");
            assertThat(nodes).hasSize(1);
            assertThat(nodes.get(0).get("nodeId").asInt()).isEqualTo(7);
            assertThat(nodes.get(0).get("wsUrl").asText()).isEqualTo(server.wsUrl());
            server.user("bob");
            var login = server.http().post("/api/login", "{\"username\":\"bob\",\"password\":\"password-1\"}", null);
            assertThat(login.body().get("wsUrl").asText()).isEqualTo("ws://127.0.0.1:" + server.port() + "/ws");
        }
    }
}
