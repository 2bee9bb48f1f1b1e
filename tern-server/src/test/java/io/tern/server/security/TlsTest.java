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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
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

    private static JsonNode login(HttpClient client, String base, String user, String device) throws Exception {
        String body = "{\"username\":\"" + user + "\",\"password\":\"password-1\"}";
        client.send(HttpRequest.newBuilder(URI.create(base + "/api/register")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String withDevice = body.substring(0, body.length() - 1) + ",\"deviceId\":\"" + device + "\"}";
        return FrameCodec.mapper().readTree(client.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(withDevice)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A wss:// connection that keeps the body of every CHAT pushed to it, by seq. */
    private static WebSocket device(HttpClient client, int port, JsonNode login, Map<Long, String> bodies) {
        return client.newWebSocketBuilder().buildAsync(
                URI.create("wss://127.0.0.1:" + port + "/ws?token=" + login.get("token").asText()),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                JsonNode f = FrameCodec.mapper().readTree(text.toString());
                                if (f.path("type").asInt() == 80) {
                                    bodies.put(f.get("seq").asLong(), f.path("content").path("body").asText());
                                }
                            } catch (java.io.IOException e) {
                                bodies.put(-1L, "unreadable frame: " + text);
                            }
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
    }

    @Test
    void pushesOverWss_reachEveryDeviceIntact_whileDevicesShareOneFrameBuffer(@TempDir Path dir) throws Exception {
        SelfSignedCert cert = SelfSignedCert.create(dir);
        server = TestServer.start(Map.of("server.tls.certFile", cert.certFile().toString(),
                "server.tls.keyFile", cert.keyFile().toString()));
        SSLContext tls = cert.clientContext();
        HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
        String base = "https://127.0.0.1:" + server.port();
        JsonNode alice = login(client, base, "alice", "a1");
        JsonNode bob1 = login(client, base, "bob", "b1");
        JsonNode bob2 = login(client, base, "bob", "b2");
        Map<Long, String> first = new ConcurrentHashMap<>();
        Map<Long, String> second = new ConcurrentHashMap<>();
        List<WebSocket> open = new ArrayList<>();
        try {
            open.add(device(client, server.port(), bob1, first));
            open.add(device(client, server.port(), bob2, second));
            WebSocket sender = device(client, server.port(), alice, new ConcurrentHashMap<>());
            open.add(sender);
            long bob = bob1.get("userId").asLong();
            for (int i = 0; i < 60; i++) { // quick succession: several pushes per flush, coalesced by the TLS handler
                sender.sendText("{\"type\":80,\"toId\":" + bob + ",\"clientMsgId\":\"m" + i
                        + "\",\"content\":{\"contentType\":1,\"body\":\"hello " + i + " " + "x".repeat(i * 7)
                        + "\"}}", true).join();
            }

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                expected.add("hello " + i + " " + "x".repeat(i * 7));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(new ArrayList<>(new TreeMap<>(first).values())).isEqualTo(expected);
                assertThat(new ArrayList<>(new TreeMap<>(second).values())).isEqualTo(expected);
            });
        } finally {
            open.forEach(WebSocket::abort);
        }
    }
}
