package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.FrameCodec;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Send over HTTP, receive by long-poll, mixed with WebSocket devices. */
class HttpTransportTest {
    private TestServer server;
    private TestUser alice;
    private TestUser bob;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("session.longPollGrace", "500ms"));
        alice = server.user("alice");
        bob = server.user("bob");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Http.Response send(TestUser from, String clientMsgId, long toId, String text) {
        return server.http().post("/api/messages", "{\"clientMsgId\":\"" + clientMsgId + "\",\"toId\":" + toId
                + ",\"content\":{\"contentType\":1,\"body\":\"" + text + "\"}}", from.token());
    }

    private Http.Response poll(TestUser user, String query) {
        return server.http().get("/api/sync?" + query, user.token());
    }

    @Test
    void sendOverHttp_receiveOverWebSocket_andBack_byLongPoll() {
        try (WsTestClient b = server.connect(bob)) {
            Http.Response sent = send(alice, "h1", bob.userId(), "over http");
            assertThat(sent.status()).isEqualTo(200);
            assertThat(sent.body().get("seq").asLong()).isEqualTo(1);
            assertThat(sent.body().get("clientMsgId").asText()).isEqualTo("h1");
            ChatPush push = b.next(ChatPush.class);
            assertThat(push.msgId()).isEqualTo(sent.body().get("msgId").asText());

            b.send(ChatTest.chat("w1", alice.userId(), "over ws"));
            b.next(ChatResp.class);
        }
        JsonNode got = poll(alice, "wait=0").body();
        assertThat(got.get("messages")).extracting(m -> m.get("content").get("body").asText()).containsExactly("over ws");
        assertThat(got.get("cursors").get("p:" + alice.userId() + ":" + bob.userId()).asLong()).isEqualTo(2);
    }

    @Test
    void poll_withNewMessages_answersAtOnce_andCursorsAck() {
        for (int i = 0; i < 5; i++) {
            send(alice, "n" + i, bob.userId(), "n" + i);
        }
        String conv = "p:" + alice.userId() + ":" + bob.userId();
        JsonNode first = poll(bob, "cursors=" + conv + "=2&wait=30&limit=2").body();
        assertThat(first.get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(3L, 4L);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        JsonNode second = poll(bob, "cursors=" + conv + "=4&wait=30").body();
        assertThat(second.get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(5L);
        poll(bob, "cursors=" + conv + "=5&wait=0");
        // the cursors acknowledged delivery: a poll without cursors starts after them
        await().untilAsserted(() -> assertThat(poll(bob, "wait=0").body().get("messages")).isEmpty());
    }

    @Test
    void pollCursor_beyondLastSeq_isClamped_soLaterMessagesStillArrive() {
        send(alice, "c1", bob.userId(), "one");
        String conv = "p:" + alice.userId() + ":" + bob.userId();
        JsonNode first = poll(bob, "cursors=" + conv + "=9007199254740000,p:999998:999999=7&wait=0").body();
        assertThat(first.get("messages")).isEmpty();
        assertThat(first.get("cursors").get(conv).asLong()).isEqualTo(1);
        assertThat(first.get("cursors").has("p:999998:999999")).isFalse(); // not bob's: not echoed, not acked
        send(alice, "c2", bob.userId(), "two");
        JsonNode next = poll(bob, "cursors=" + conv + "=" + first.get("cursors").get(conv).asLong() + "&wait=0").body();
        assertThat(next.get("messages")).extracting(m -> m.get("seq").asLong()).containsExactly(2L);
        // the first poll acknowledged message 1 at most: a device without cursors is still owed message 2
        assertThat(poll(bob, "wait=0").body().get("messages")).extracting(m -> m.get("seq").asLong()).contains(2L);
    }

    @Test
    void poll_isWokenByAMessage() {
        CompletableFuture<HttpResponse<String>> held = asyncPoll(bob, "wait=25");
        await().until(() -> waitingPolls() == 1);
        assertThat(held).isNotDone();
        send(alice, "wake", bob.userId(), "wake up");
        JsonNode got = json(held.join());
        assertThat(got.get("messages")).extracting(m -> m.get("content").get("body").asText()).containsExactly("wake up");
    }

    @Test
    void poll_timesOutEmpty() {
        JsonNode got = poll(bob, "wait=1").body();
        assertThat(got.get("messages")).isEmpty();
        assertThat(got.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void twoThousandConcurrentPolls_areHeldWithoutThreads_andAllWoken() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            polls.add(client.sendAsync(pollRequest(bob, "wait=30"), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> waitingPolls() == 2000);
        assertThat(polls).noneMatch(CompletableFuture::isDone);
        send(alice, "all", bob.userId(), "for everyone");
        for (CompletableFuture<HttpResponse<String>> p : polls) {
            HttpResponse<String> r = p.join();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).get("messages")).hasSize(1);
        }
    }

    @Test
    void mixedTransports_bothDevicesGetEveryMessageOnceInOrder() {
        TestUser bobPhone = server.http().login("bob", "phone");
        String conv = "p:" + alice.userId() + ":" + bob.userId();
        try (WsTestClient b = server.connect(bob)) {
            for (int i = 1; i <= 20; i++) {
                send(alice, "x" + i, bob.userId(), "x" + i);
            }
            List<Long> viaPoll = new ArrayList<>();
            long cursor = 0;
            while (viaPoll.size() < 20) {
                JsonNode r = poll(bobPhone, "cursors=" + conv + "=" + cursor + "&wait=10").body();
                r.get("messages").forEach(m -> viaPoll.add(m.get("seq").asLong()));
                cursor = r.get("cursors").get(conv).asLong();
            }
            List<Long> viaWs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                viaWs.add(b.next(ChatPush.class).seq());
            }
            List<Long> expected = java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList();
            assertThat(viaPoll).containsExactlyElementsOf(expected);
            assertThat(viaWs).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void pollingDevice_isOnlineWhilePolling_andOfflineAfterGrace() {
        assertThat(send(alice, "presence-1", bob.userId(), "hi").status()).isEqualTo(200); // presence is for contacts
        poll(bob, "wait=0");
        JsonNode p = server.http().get("/api/presence?userIds=" + bob.userId(), alice.token()).body().get("presence").get(0);
        assertThat(p.get("online").asBoolean()).isTrue();
        await().untilAsserted(() -> assertThat(server.http().get("/api/presence?userIds=" + bob.userId(), alice.token())
                .body().get("presence").get(0).get("online").asBoolean()).isFalse());
    }

    @Test
    void httpResend_isIdempotent() {
        Http.Response first = send(alice, "same", bob.userId(), "once");
        Http.Response again = send(alice, "same", bob.userId(), "once");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(send(alice, "other", bob.userId(), "twice").body().get("seq").asLong()).isEqualTo(2);
    }

    @Test
    void badInput_getsDocumentedErrors() {
        assertError(poll(bob, "cursors=nonsense"), 400, "INVALID_FIELD");
        assertError(poll(bob, "cursors=p:1:2=-4"), 400, "INVALID_FIELD");
        assertError(poll(bob, "wait=31"), 400, "INVALID_FIELD");
        assertError(poll(bob, "wait=-1"), 400, "INVALID_FIELD");
        assertError(server.http().get("/api/sync", null), 401, "INVALID_TOKEN");
        assertError(server.http().post("/api/messages", "{\"clientMsgId\":\"x\",\"toId\":1}", alice.token()), 400, "INVALID_FIELD");
        assertError(server.http().post("/api/messages", "{\"clientMsgId\":\"x\",\"toId\":1,\"groupId\":2,"
                + "\"content\":{\"contentType\":1}}", alice.token()), 400, "INVALID_FIELD");
        assertError(send(alice, "nobody", 987654, "hello?"), 404, "NO_SUCH_USER");
        assertError(server.http().post("/api/messages", "{\"clientMsgId\":\"x\",\"groupId\":55,\"content\":{\"contentType\":1,"
                + "\"body\":\"hi\"}}", alice.token()), 403, "NOT_A_MEMBER");
    }

    @Test
    void openApi_describesExactlyTheServedRoutes() {
        JsonNode doc = server.http().get("/api/openapi.json", null).body();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        java.util.Set<String> described = new java.util.TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                described.add(method.toUpperCase() + " " + path.getKey())));
        java.util.Set<String> served = new java.util.TreeSet<>();
        server.server().routes().forEach(r -> served.add(r.method() + " " + r.template()));
        served.addAll(io.tern.server.transport.http.MediaRoutes.STREAMED); // answered before the route table
        assertThat(described).isEqualTo(served);
    }

    private static void assertError(Http.Response r, int status, String code) {
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(status);
        assertThat(r.body().get("error").get("code").asText()).isEqualTo(code);
    }

    private HttpRequest pollRequest(TestUser user, String query) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/sync?" + query))
                .header("Authorization", "Bearer " + user.token()).timeout(Duration.ofSeconds(90)).build();
    }

    private CompletableFuture<HttpResponse<String>> asyncPoll(TestUser user, String query) {
        return HttpClient.newHttpClient().sendAsync(pollRequest(user, query), HttpResponse.BodyHandlers.ofString());
    }

    private int waitingPolls() {
        return (int) io.tern.server.support.Scrape.value(server.port(), "tern_longpolls_waiting");
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return FrameCodec.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
