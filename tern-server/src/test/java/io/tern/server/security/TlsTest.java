package io.tern.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import io.tern.server.support.SelfSignedCert;
import io.tern.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https:// and wss:// on a configured PEM certificate and key. */
class TlsTest {
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void httpsAndWss_workWithAConfiguredCertificate(@TempDir Path dir) throws Exception {
        SelfSignedCert cert = SelfSignedCert.create(dir);
        server = TestServer.start(Map.of("server.tls.certFile", cert.certFile().toString(),
                "server.tls.keyFile", cert.keyFile().toString()));
        HttpClient client = HttpClient.newBuilder().sslContext(cert.clientContext()).build();
        String base = "https://127.0.0.1:" + server.port();

        HttpResponse<String> reg = client.send(HttpRequest.newBuilder(URI.create(base + "/api/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"password-1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reg.statusCode()).isEqualTo(201);
        assertThat(reg.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        JsonNode login = FrameCodec.mapper().readTree(client.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\",\"password\":\"password-1\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(login.get("wsUrl").asText()).startsWith("wss://");

        CompletableFuture<String> pong = new CompletableFuture<>();
        WebSocket ws = client.newWebSocketBuilder().buildAsync(
                URI.create("wss://127.0.0.1:" + server.port() + "/ws?token=" + login.get("token").asText()),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        pong.complete(data.toString());
                        return null;
                    }
                }).join();
        ws.sendText("{\"type\":40}", true).join();
        assertThat(pong.join()).contains("\"type\":41");
        ws.abort();

        HttpClient plain = HttpClient.newHttpClient();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/healthz")).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void tlsFiles_mustComeTogetherAndBeReadable(@TempDir Path dir) {
        assertThatThrownBy(() -> TestServer.start(Map.of("server.tls.certFile", dir.resolve("missing.pem").toString())))
                .hasMessageContaining("must be given together");
        assertThatThrownBy(() -> TestServer.start(Map.of("server.tls.certFile", dir.resolve("a.pem").toString(),
                "server.tls.keyFile", dir.resolve("b.pem").toString()))).hasMessageContaining("not readable");
    }
}
