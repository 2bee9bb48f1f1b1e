package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A wrong method on a known path is 405 with an Allow header and METHOD_NOT_ALLOWED; HEAD works wherever GET does. */
class HttpMethodsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestServer server;
    private TestUser alice;

    @BeforeEach
    void start() {
        server = TestServer.start();
        alice = server.user("alice");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void wrongMethodOnAnApiRouteNamesTheMethodsThatWork() throws Exception {
        HttpResponse<String> r = call("GET", "/api/login", null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("POST");
        JsonNode error = FrameCodec.mapper().readTree(r.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(error.get("message").asText()).isEqualTo("GET is not allowed on /api/login; allowed: POST");

        HttpResponse<String> me = call("DELETE", "/api/me", alice.token());
        assertThat(me.statusCode()).isEqualTo(405);
        assertThat(me.headers().firstValue("allow").orElseThrow()).contains("GET", "HEAD");
    }

    @Test
    void streamedMediaPathsAnswer405NotNotFound() throws Exception {
        HttpResponse<String> delete = call("DELETE", "/api/media/q2rP3b4x9v1kWcN8mT0aYg", alice.token());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("allow")).hasValue("GET, HEAD");
        HttpResponse<String> thumb = call("PUT", "/api/media/q2rP3b4x9v1kWcN8mT0aYg/thumbnail", alice.token());
        assertThat(thumb.headers().firstValue("allow")).hasValue("GET, HEAD");
        HttpResponse<String> list = call("GET", "/api/media", alice.token());
        assertThat(list.statusCode()).isEqualTo(405);
        assertThat(list.headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void opsAndStaticPathsAnswer405AndHead() throws Exception {
        HttpResponse<String> post = call("POST", "/healthz", null);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(call("HEAD", "/healthz", null).statusCode()).isEqualTo(200);
        assertThat(call("HEAD", "/readyz", null).statusCode()).isEqualTo(200);

        HttpResponse<String> page = call("DELETE", "/index.html", null);
        assertThat(page.statusCode()).isEqualTo(405);
        assertThat(page.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(call("POST", "/", null).statusCode()).isEqualTo(405);
        assertThat(call("POST", "/no-such-page.html", null).statusCode()).isEqualTo(404);
        assertThat(call("PATCH", "/api/no-such-endpoint", null).statusCode()).isEqualTo(404);
        HttpResponse<String> ws = call("POST", "/ws", null);
        assertThat(ws.statusCode()).isEqualTo(405);
        assertThat(ws.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void headOnAnApiRouteHasTheGetHeadersAndNoBody() throws Exception {
        HttpResponse<String> get = call("GET", "/api/me", alice.token());
        HttpResponse<String> head = call("HEAD", "/api/me", alice.token());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length"))
                .hasValue(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(call("HEAD", "/api/me", null).statusCode()).isEqualTo(401);

        // On one connection: if HEAD's answer carried a body, the next answer would not start where it should.
        // (One request at a time: answers to pipelined requests are not kept in order.)
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("HEAD /api/me HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + alice.token() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readHeaders(in)).startsWith("HTTP/1.1 200").contains("content-length: " + get.body().length());
            out.write("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readAll(in)).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"ok\"}");
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (!buf.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            buf.write(b);
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
