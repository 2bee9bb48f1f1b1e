package io.tern.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.server.config.ConfigException;
import io.tern.server.config.ConfigLoader;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-address limits see the client behind a trusted proxy, and only behind a trusted one. */
class TrustedProxyTest {
    private static Http.Response register(TestServer server, String username, String forwardedFor) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/register"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"password-1\"}"));
        return server.http().send(b, null);
    }

    @Test
    void behindTrustedProxy_eachForwardedClientHasItsOwnRegistrationLimit() {
        try (TestServer server = TestServer.start(Map.of("limits.registrationsPerHour", "1",
                "server.trustedProxies", "127.0.0.0/8, ::1"))) {
            assertThat(register(server, "alice", "203.0.113.5").status()).isEqualTo(201);
            assertThat(register(server, "bob", "203.0.113.5").status()).isEqualTo(429);
            assertThat(register(server, "carol", "203.0.113.6").status()).isEqualTo(201);
        }
    }

    @Test
    void withoutTrustedProxies_forgedForwardedForDoesNotDodgeTheLimit() {
        try (TestServer server = TestServer.start(Map.of("limits.registrationsPerHour", "1"))) {
            assertThat(register(server, "alice", "203.0.113.5").status()).isEqualTo(201);
            assertThat(register(server, "bob", "203.0.113.6").status()).isEqualTo(429);
        }
    }

    @Test
    void behindTrustedLocalProxy_metricsOfAForwardedRemoteClientAreRefused() {
        try (TestServer server = TestServer.start(Map.of("server.trustedProxies", "127.0.0.1"))) {
            HttpRequest.Builder remote = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .header("X-Forwarded-For", "203.0.113.5").GET();
            assertThat(server.http().send(remote, null).status()).isEqualTo(403);
        }
    }

    @Test
    void trustedProxiesThatAreNotAddresses_refusedAtStart() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("server.trustedProxies", "proxy.local")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.trustedProxies");
    }
}
