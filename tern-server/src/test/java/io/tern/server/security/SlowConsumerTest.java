package io.tern.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.protocol.ChatResp;
import io.tern.server.support.Frames;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading under load is disconnected; the bytes the server queues for it stay bounded
 * by the limit, and its messages wait in the store for catch-up.
 */
class SlowConsumerTest {
    private static final int CAP = 256 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private TestServer server;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() {
        Map<String, String> config = new HashMap<>(Map.of("limits.maxOutboundBytes", String.valueOf(CAP),
                "session.maxUnacked", "100000", "session.ackDeadline", "10m", "session.retryMax", "10m",
                "session.retryInitial", "10m"));
        server = TestServer.start(config);
    }

    @AfterEach
    void stop() {
        sampler.shutdownNow();
        server.close();
    }

    private double metric(String name) {
        return io.tern.server.support.Scrape.value(server.port(), name);
    }

    @Test
    void clientThatStopsReading_isDisconnected_andQueuedBytesStayBounded() throws Exception {
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (Socket stalled = openAndStopReading(bob); WsTestClient a = server.connect(alice)) {
            AtomicLong maxPending = new AtomicLong();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    maxPending.accumulateAndGet((long) metric("tern_outbound_pending_bytes"), Math::max);
                } catch (Exception ignored) {
                    // the next sample counts
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            String body = "x".repeat(30_000);
            int sent = 0;
            while (metric("tern_slow_consumers_total") < 1 && sent < 2000) {
                for (int i = 0; i < 20; i++, sent++) {
                    a.send(Frames.chat("s" + sent, bob.userId(), body));
                }
                for (int i = 0; i < 20; i++) {
                    a.next(ChatResp.class);
                }
            }
            // answers go out before fan-out, so on a busy machine the sender may be answered for every message
            // before the pushes that overflow bob's connection have been written: wait for the close
            int sentInAll = sent;
            await().untilAsserted(() -> assertThat(metric("tern_slow_consumers_total"))
                    .as(() -> "closed after " + sentInAll + " messages; pushed " + metric("tern_messages_pushed_total")
                            + ", pending now " + metric("tern_outbound_pending_bytes") + ", at most " + maxPending.get()
                            + ", sessions " + server.server().sessionCount()).isEqualTo(1));
            await().untilAsserted(() -> assertThat(server.server().sessionCount()).isEqualTo(1));
            assertThat(maxPending.get()).as("bytes queued at most").isLessThan(CAP + 2 * 64 * 1024);

            var conversations = server.http().get("/api/conversations", bob.token()).body().get("conversations");
            assertThat(conversations.get(0).get("lastSeq").asLong()).as("everything is stored for catch-up").isEqualTo(sent);
        }
    }

    /** Opens a WebSocket by hand, then never reads again; a small receive buffer makes the backlog show fast. */
    private Socket openAndStopReading(TestUser user) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        OutputStream out = s.getOutputStream();
        out.write(("GET /ws?token=" + user.token() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().sessionCount() == 1);
        return s;
    }
}
