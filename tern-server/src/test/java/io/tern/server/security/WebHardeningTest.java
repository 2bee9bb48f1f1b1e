package io.tern.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Browser-facing hardening of issue 19: security headers, JSON-only bodies, malformed requests. */
class WebHardeningTest {
    private final TestServer server = TestServer.start();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void webClient_isServedWithStrictSecurityHeaders() throws Exception {
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                "object-src 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).as("HSTS only with TLS").isEmpty();
    }

    @Test
    void apiErrors_carryTheHeadersToo() throws Exception {
        HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void registerAndLogin_refuseNonJsonBodies_andStoreNothing() throws Exception {
        String body = "{\"username\":\"carol\",\"password\":\"password-1\"}";
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
            assertThat(post("/api/register", body, type).statusCode()).as(type).isEqualTo(415);
        }
        HttpResponse<String> login = post("/api/login", body, "text/plain;charset=UTF-8");
        assertThat(login.statusCode()).isEqualTo(415);
        assertThat(login.body()).contains("UNSUPPORTED_MEDIA_TYPE");

        Http.Response realLogin = server.http().post("/api/login", body, null);
        assertThat(realLogin.status()).as("the text/plain register created no account").isEqualTo(401);
        assertThat(post("/api/register", body, "application/json; charset=utf-8").statusCode()).isEqualTo(201);
    }

    @Test
    void oversizedHeader_isAnswered431_notServed() throws IOException {
        String answer = raw("GET /api/me HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 431").contains("MALFORMED_REQUEST");
    }

    @Test
    void invalidHeaderName_isAnswered400_notServed() throws IOException {
        String answer = raw("GET / HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("MALFORMED_REQUEST");
    }

    @Test
    void webSocketHandshake_fromAForeignPage_isRefused_sameOriginAndAppsAreNot() throws IOException {
        String token = server.user("alice").token();
        String host = "127.0.0.1:" + server.port();
        assertThat(handshake(token, host, "http://evil.example")).startsWith("HTTP/1.1 403").contains("FORBIDDEN_ORIGIN");
        assertThat(handshake(token, host, "null")).startsWith("HTTP/1.1 403");
        assertThat(handshake(token, host, "http://" + host)).startsWith("HTTP/1.1 101");
        assertThat(handshake(token, host, null)).as("apps send no Origin").startsWith("HTTP/1.1 101");
    }

    @Test
    void configuredOrigins_mayConnect() throws IOException {
        TestServer other = TestServer.start(java.util.Map.of("server.allowedOrigins", "https://chat.example.com"));
        try {
            String token = other.user("alice").token();
            String host = "127.0.0.1:" + other.port();
            assertThat(handshakeTo(other, token, host, "https://chat.example.com")).startsWith("HTTP/1.1 101");
            assertThat(handshakeTo(other, token, host, "https://evil.example.com")).startsWith("HTTP/1.1 403");
        } finally {
            other.close();
        }
    }

    @Test
    void metrics_needTheOpsTokenWhenOneIsSet() throws Exception {
        TestServer guarded = TestServer.start(java.util.Map.of("cluster.opsToken", "s3cret-ops-token"));
        try {
            URI metrics = URI.create("http://127.0.0.1:" + guarded.port() + "/metrics");
            assertThat(client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(403);
            assertThat(client.send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer wrong").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(metrics)
                    .header("Authorization", "Bearer s3cret-ops-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("tern_");
        } finally {
            guarded.close();
        }
    }

    private String handshake(String token, String host, String origin) throws IOException {
        return handshakeTo(server, token, host, origin);
    }

    /** A raw WebSocket handshake; returns the response head. */
    private static String handshakeTo(TestServer target, String token, String host, String origin) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", target.port())) {
            socket.setSoTimeout(10_000);
            String request = "GET /ws?token=" + token + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.append((char) c);
            }
            if (head.toString().startsWith("HTTP/1.1 4")) {
                head.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
            return head.toString();
        }
    }

    private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends raw bytes and reads until the server closes the connection. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }
}
