package io.tern.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.server.support.Frames;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real nginx (Debian package) in front of Tern with the locations of docs/ops/nginx-tern-locations.conf:
 * registration, login, a WebSocket chat and the hidden /metrics all go through the proxy. Skipped where
 * nginx is not installed ({@code apt-get install nginx-light}).
 */
class NginxProxyTest {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path LOCATIONS = Path.of("..", "docs", "ops", "nginx-tern-locations.conf").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void chatThroughNginx_registerLoginAndWebSocketPushWork_metricsStayHidden() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(NGINX), "nginx is not installed");
        try (TestServer tern = TestServer.start(Map.of("server.trustedProxies", "127.0.0.1"))) {
            int port = freePort();
            Process nginx = startNginx(tern.port(), port);
            try {
                Http viaProxy = new Http("http://127.0.0.1:" + port);
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> viaProxy.get("/healthz", null).status() == 200);
                TestUser alice = viaProxy.registerAndLogin("alice", null);
                TestUser bob = viaProxy.registerAndLogin("bob", null);
                try (WsTestClient a = WsTestClient.connect("ws://127.0.0.1:" + port + "/ws?token=" + alice.token());
                     WsTestClient b = WsTestClient.connect("ws://127.0.0.1:" + port + "/ws?token=" + bob.token())) {
                    a.send(Frames.chat("c1", bob.userId(), "through nginx"));
                    ChatResp resp = a.next(ChatResp.class);
                    ChatPush push = b.next(ChatPush.class);
                    assertThat(push.msgId()).isEqualTo(resp.msgId());
                    assertThat(push.content().tree().get("body").asText()).isEqualTo("through nginx");
                }
                java.net.http.HttpResponse<Void> metrics = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                assertThat(metrics.statusCode()).isEqualTo(404);
            } finally {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Process startNginx(int ternPort, int listenPort) throws IOException {
        String temp = dir.resolve("tmp").toString();
        Files.createDirectories(dir.resolve("tmp"));
        String conf = """
                user root;
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    upstream tern { server 127.0.0.1:%3$d; }
                    server {
                        listen 127.0.0.1:%4$d;
                        include %5$s;
                    }
                }
                """.formatted(dir, temp, ternPort, listenPort, LOCATIONS);
        Path file = Files.writeString(dir.resolve("nginx.conf"), conf);
        return new ProcessBuilder(NGINX.toString(), "-e", dir.resolve("error.log").toString(), "-p", dir.toString(),
                "-c", file.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
