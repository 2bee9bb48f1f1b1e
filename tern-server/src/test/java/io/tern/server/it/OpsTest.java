package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /metrics counts what happened; /healthz and /readyz answer. */
class OpsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private double metric(String text, String name) {
        double value = io.tern.server.support.Scrape.value(text, name);
        assertThat(value).as("metric %s in %n%s", name, text).isNotEqualTo(-1);
        return value;
    }

    @Test
    void metrics_countMessagesConnectionsAndErrors() throws Exception {
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
            for (int i = 0; i < 3; i++) {
                a.send(ChatTest.chat("m" + i, bob.userId(), "hi"));
                a.next(ChatResp.class);
                b.next(ChatPush.class);
            }
            a.send("{\"type\":777}");
            a.next(ErrorFrame.class);
            HttpResponse<String> r = get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            String text = r.body();
            assertThat(metric(text, "tern_messages_accepted_total")).isEqualTo(3);
            assertThat(metric(text, "tern_messages_pushed_total")).isEqualTo(3);
            assertThat(metric(text, "tern_connections")).isEqualTo(2);
            assertThat(metric(text, "tern_store_batch_size_count")).isPositive();
            assertThat(metric(text, "tern_store_commit_seconds_count")).isPositive();
            assertThat(text).contains("tern_errors_total{code=\"UNKNOWN_TYPE\"} 1.0");
            assertThat(metric(text, "process_resident_memory_bytes")).isPositive();
            assertThat(metric(text, "jvm_memory_used_bytes")).isPositive();
            assertThat(text).contains("jvm_gc_");
        }
    }

    @Test
    void health_andReadiness() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("ready");
    }
}
