package io.tern.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.FrameCodec;
import io.tern.server.support.Http;
import io.tern.server.support.MediaHttp;
import io.tern.server.support.TestImages;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one content model of protocol.md section 6: every type round-trips; malformed ones are refused clearly. */
class ContentModelTest {
    private static TestServer server;
    private static TestUser alice;
    private static TestUser bob;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        alice = server.user("alice");
        bob = server.user("bob");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyTypeRoundTripsOverWebSocketHttpAndHistory() throws Exception {
        MediaHttp media = new MediaHttp(server);
        String image = media.upload(alice.token(), "p.png", TestImages.png(8, 8), "image/png").body().get("mediaId").asText();
        String file = media.upload(alice.token(), "a.txt", "hello".getBytes(), "text/plain").body().get("mediaId").asText();
        List<String> contents = List.of(
                "{\"contentType\":1,\"body\":\"hi bob\"}",
                "{\"contentType\":2,\"mediaId\":\"" + image + "\",\"caption\":\"me\"}",
                "{\"contentType\":3,\"mediaId\":\"" + file + "\"}",
                "{\"contentType\":6,\"latitude\":48.8566,\"longitude\":2.3522,\"name\":\"Paris\"}",
                "{\"contentType\":7,\"app\":\"poll\",\"data\":{\"q\":\"lunch?\",\"options\":[\"yes\",\"no\"]}}",
                "{\"contentType\":42,\"whatever\":[1,2,3]}");
        String conv = "p:" + alice.userId() + ":" + bob.userId();
        try (WsTestClient a = WsTestClient.connect(server.wsUrl(), alice.token());
             WsTestClient b = WsTestClient.connect(server.wsUrl(), bob.token())) {
            for (int i = 0; i < contents.size(); i++) {
                JsonNode sent = FrameCodec.mapper().readTree(contents.get(i));
                if (i % 2 == 0) {
                    a.send("{\"type\":80,\"clientMsgId\":\"c" + i + "\",\"toId\":" + bob.userId() + ",\"content\":"
                            + contents.get(i) + "}");
                    a.next(ChatResp.class);
                } else {
                    Http.Response r = server.http().post("/api/messages", "{\"clientMsgId\":\"c" + i + "\",\"toId\":"
                            + bob.userId() + ",\"content\":" + contents.get(i) + "}", alice.token());
                    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
                }
                JsonNode pushed = b.next(ChatPush.class).content().tree();
                sent.fields().forEachRemaining(f -> assertThat(pushed.get(f.getKey())).as(f.getKey()).isEqualTo(f.getValue()));
            }
        }
        JsonNode history = server.http().get("/api/conversations/" + conv + "/messages?limit=10", bob.token()).body();
        assertThat(history.get("messages")).hasSize(contents.size());
        assertThat(history.toString()).contains("\"whatever\":[1,2,3]").contains("\"app\":\"poll\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"contentType\":1}",
        "{\"contentType\":1,\"text\":\"the old field name\"}",
        "{\"contentType\":1,\"body\":7}",
        "{\"contentType\":2}",
        "{\"contentType\":3,\"mediaId\":\"../../etc/passwd\"}",
        "{\"contentType\":4,\"mediaId\":\"abc\",\"durationMs\":-1}",
        "{\"contentType\":6,\"latitude\":91,\"longitude\":0}",
        "{\"contentType\":6,\"latitude\":\"48\",\"longitude\":2}",
        "{\"contentType\":7,\"data\":{}}",
        "{\"contentType\":7,\"app\":\"x\"}",
        "{\"contentType\":100,\"event\":\"joined\"}"})
    void malformedContentIsRefusedWithInvalidField(String content) {
        try (WsTestClient a = WsTestClient.connect(server.wsUrl(), alice.token())) {
            a.send("{\"type\":80,\"clientMsgId\":\"bad\",\"toId\":" + bob.userId() + ",\"content\":" + content + "}");
            ErrorFrame error = a.next(ErrorFrame.class);
            assertThat(error.error()).isEqualTo("INVALID_FIELD");
            assertThat(error.message()).contains("content");
        }
        Http.Response r = server.http().post("/api/messages", "{\"clientMsgId\":\"bad\",\"toId\":" + bob.userId()
                + ",\"content\":" + content + "}", alice.token());
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void unknownMediaIsNoSuchMedia() {
        try (WsTestClient a = WsTestClient.connect(server.wsUrl(), alice.token())) {
            a.send("{\"type\":80,\"clientMsgId\":\"nm\",\"toId\":" + bob.userId()
                    + ",\"content\":{\"contentType\":3,\"mediaId\":\"doesNotExist\"}}");
            assertThat(a.next(ErrorFrame.class).error()).isEqualTo("NO_SUCH_MEDIA");
        }
    }
}
