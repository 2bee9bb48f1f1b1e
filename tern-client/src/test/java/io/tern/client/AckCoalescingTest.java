package io.tern.client;

import static io.tern.client.LocalServer.await;
import static io.tern.client.LocalServer.conversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK acknowledges pushes together, within its ack delay, and the server counts the ACK frames. */
class AckCoalescingTest {
    @TempDir
    Path dataDir;
    private LocalServer server;

    @BeforeEach
    void startServer() {
        server = new LocalServer(dataDir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aBurstOfPushes_isAcknowledgedWithFewerAcksThanPushes_withinTheDelay_andNothingIsRepushed() throws Exception {
        TernClient alice = server.registered("alice", new Inbox());
        Inbox bobInbox = new Inbox();
        // the default ack delay; heartbeats far apart: the acks must go out on the ack timer, not with a later frame
        TernClient bob = server.client("bob", bobInbox, b -> b.heartbeatInterval(Duration.ofMinutes(5)));
        await(bob.register());
        await(bob.connect());
        String conv = conversation(alice.userId(), bob.userId());

        List<CompletableFuture<Sent>> sends = IntStream.range(0, 30).mapToObj(i -> alice.send(bob.userId(), "m" + i))
                .toList();
        sends.forEach(LocalServer::await);
        await().atMost(Duration.ofSeconds(20)).until(() -> bobInbox.of(conv).size() == 30);
        bobInbox.assertExactlyInOrder(conv, 1, 30);

        await().atMost(Duration.ofSeconds(5)).until(() -> metric("tern_messages_acked_total") == 30);
        // fewer ACK frames than bob's 30 pushes, though alice's acks of her own 30 messages count here too
        double ackFrames = metric("tern_acks_received_total");
        assertThat(ackFrames).isBetween(1.0, 29.0);
        assertThat(metric("tern_messages_retried_total")).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.cursors().getOrDefault(conv, 0L) == 30L);
    }

    @Test
    void close_sendsEveryWaitingAck_oneFramePerConversation() throws Exception {
        List<TernClient> senders = List.of(server.registered("carol", new Inbox()),
                server.registered("dave", new Inbox()), server.registered("erin", new Inbox()));
        Inbox bobInbox = new Inbox();
        // an ack timer that never fires: what bob received is acknowledged only by his close
        TernClient bob = TernClient.create(server.config("bob", bobInbox).build(), (task, delay) -> () -> { });
        try {
            await(bob.register());
            await(bob.connect());
            for (TernClient sender : senders) {
                await(sender.send(bob.userId(), "hello from " + sender.userId()));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> senders.stream()
                    .allMatch(s -> bobInbox.of(conversation(s.userId(), bob.userId())).size() == 1));
            assertThat(metric("tern_messages_acked_total")).as("nothing acknowledged before the close").isZero();
        } finally {
            bob.close(); // three conversations: three ACK frames queued at once
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("tern_messages_acked_total") == 3);
    }

    @Test
    void anAckDelayAboveTheLimit_isRefused() {
        ClientConfig.Builder b = ClientConfig.builder(server.uri(), "x", LocalServer.PASSWORD)
                .messageListener(m -> { }).ackDelay(ClientConfig.MAX_ACK_DELAY.plusMillis(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ackDelay");
    }

    private double metric(String name) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
