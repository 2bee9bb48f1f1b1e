package io.tern.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.server.support.Http;
import io.tern.server.support.MediaHttp;
import io.tern.server.support.MutableClock;
import io.tern.server.support.TestImages;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may download: the uploader and members whose window holds a message naming the media; links; ranges. */
class MediaAccessTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private TestServer server;
    private MediaHttp media;
    private TestUser alice;
    private TestUser bob;
    private TestUser carol;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("media.linkTtl", "5m"), clock);
        media = new MediaHttp(server);
        alice = server.user("alice");
        bob = server.user("bob");
        carol = server.user("carol");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void imageMessagePushCostsHundredsOfBytesWhateverTheImageSize() {
        byte[] big = TestImages.jpegWithGps(1600, 1200); // a photo's pixel size; a flat colour keeps the file small
        String id = upload(alice, "photo.jpg", big);
        try (WsTestClient a = WsTestClient.connect(server.wsUrl(), alice.token());
             WsTestClient b = WsTestClient.connect(server.wsUrl(), bob.token())) {
            a.send("{\"type\":80,\"clientMsgId\":\"big\",\"toId\":" + bob.userId() + ",\"content\":{\"contentType\":2,"
                    + "\"mediaId\":\"" + id + "\",\"caption\":\"sunset\"}}");
            a.next(ChatResp.class);
            ChatPush push = b.next(ChatPush.class);
            int frameBytes = io.tern.protocol.FrameCodec.forServer().encode(push).length;
            long thumbBytes = push.content().tree().get("thumbnail").get("size").asLong();
            System.out.printf("image push frame: %d bytes per member (image %d bytes, thumbnail %d bytes)%n",
                    frameBytes, push.content().tree().get("size").asLong(), thumbBytes);
            assertThat(frameBytes).isLessThan(600);
        }
    }

    @Test
    void imageUploadedSentAndDownloadedByTheRecipient() {
        byte[] png = TestImages.png(64, 48);
        String id = upload(alice, "pic.png", png);
        try (WsTestClient a = WsTestClient.connect(server.wsUrl(), alice.token());
             WsTestClient b = WsTestClient.connect(server.wsUrl(), bob.token())) {
            // the client's size claims are replaced by what the server measured
            a.send("{\"type\":80,\"clientMsgId\":\"img-1\",\"toId\":" + bob.userId() + ",\"content\":{\"contentType\":2,"
                    + "\"mediaId\":\"" + id + "\",\"caption\":\"look\",\"width\":1,\"size\":5}}");
            assertThat(a.next(ChatResp.class).seq()).isEqualTo(1);
            JsonNode content = b.next(ChatPush.class).content().tree();
            assertThat(content.get("mediaId").asText()).isEqualTo(id);
            assertThat(content.get("caption").asText()).isEqualTo("look");
            assertThat(content.get("width").asInt()).isEqualTo(64);
            assertThat(content.get("height").asInt()).isEqualTo(48);
            assertThat(content.get("mime").asText()).isEqualTo("image/png");
            assertThat(content.get("size").asLong()).isPositive();
            assertThat(content.get("thumbnail").get("width").asInt()).isPositive();
            assertThat(content.toString()).doesNotContain("base64").hasSizeLessThan(400);
        }
        MediaHttp.Download got = media.get("/api/media/" + id, bob.token());
        assertThat(got.status()).isEqualTo(200);
        assertThat(TestImages.size(got.body())).containsExactly(64, 48);
        assertThat(got.header("content-disposition")).startsWith("inline;");
        assertThat(media.get("/api/media/" + id + "/thumbnail", bob.token()).status()).isEqualTo(200);
        // history carries the same content
        JsonNode page = server.http().get("/api/conversations/p:" + alice.userId() + ":" + bob.userId() + "/messages",
                bob.token()).body();
        assertThat(page.toString()).contains(id);
    }

    @Test
    void nonMemberCannotDownloadNorGetALink() {
        String id = upload(alice, "pic.png", TestImages.png(20, 20));
        sendDirect(alice, bob, id);

        assertNoSuchMedia(media.get("/api/media/" + id, carol.token()));
        assertNoSuchMedia(media.get("/api/media/" + id + "/thumbnail", carol.token()));
        assertThat(media.get("/api/media/" + id, null).status()).isEqualTo(401);
        assertThat(media.get("/api/media/" + id, "forged-token").status()).isEqualTo(401);
        assertThat(server.http().get("/api/media/" + id + "/link", carol.token()).status()).isEqualTo(404);
        // and cannot send it on either: they never saw it
        Http.Response forward = server.http().post("/api/messages", "{\"clientMsgId\":\"fw\",\"toId\":" + alice.userId()
                + ",\"content\":{\"contentType\":2,\"mediaId\":\"" + id + "\"}}", carol.token());
        assertThat(forward.status()).isEqualTo(404);
        assertThat(forward.body().get("error").get("code").asText()).isEqualTo("NO_SUCH_MEDIA");
    }

    @Test
    void groupMemberOutsideTheWindowOfTheMessageIsRefused() {
        long group = server.http().post("/api/groups", "{\"name\":\"team\",\"memberIds\":[" + bob.userId() + "]}",
                alice.token()).body().get("groupId").asLong();
        String early = upload(alice, "early.png", TestImages.png(10, 12));
        sendGroup(alice, group, early, "m1");
        // carol joins after the first photo; bob is removed before the second
        assertThat(server.http().post("/api/groups/" + group + "/members", "{\"userIds\":[" + carol.userId() + "]}",
                alice.token()).status()).isEqualTo(200);
        assertThat(server.http().delete("/api/groups/" + group + "/members/" + bob.userId(), alice.token()).status())
                .isEqualTo(200);
        String late = upload(alice, "late.png", TestImages.png(14, 12));
        sendGroup(alice, group, late, "m2");

        assertThat(media.get("/api/media/" + early, bob.token()).status()).isEqualTo(200); // inside his window
        assertNoSuchMedia(media.get("/api/media/" + late, bob.token())); // after he left
        assertNoSuchMedia(media.get("/api/media/" + early, carol.token())); // before she joined
        assertThat(media.get("/api/media/" + late, carol.token()).status()).isEqualTo(200);
    }

    @Test
    void signedLinkWorksWithoutTokenUntilItExpires() {
        String id = upload(alice, "pic.png", TestImages.png(30, 30));
        sendDirect(alice, bob, id);
        JsonNode link = server.http().get("/api/media/" + id + "/link", bob.token()).body();
        String url = link.get("url").asText();
        assertThat(url).startsWith("/api/media/" + id + "?exp=");

        assertThat(media.get(url, null).status()).isEqualTo(200);
        assertThat(media.get(link.get("thumbnailUrl").asText(), null).status()).isEqualTo(200);
        // a link to the file does not open the thumbnail, and a changed signature is refused
        assertThat(media.get(url.replace("/api/media/" + id, "/api/media/" + id + "/thumbnail"), null).status())
                .isEqualTo(403);
        assertThat(media.get(url.substring(0, url.length() - 2) + "xx", null).json().get("error").get("code").asText())
                .isEqualTo("LINK_EXPIRED");

        clock.advance(Duration.ofMinutes(6));

        MediaHttp.Download expired = media.get(url, null);
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.json().get("error").get("code").asText()).isEqualTo("LINK_EXPIRED");
    }

    @Test
    void rangeRequestsReturnThePartAskedFor() {
        byte[] bytes = new byte[10_000];
        new Random(3).nextBytes(bytes);
        String id = upload(alice, "data.bin", bytes);

        MediaHttp.Download part = media.get("/api/media/" + id, alice.token(), "Range", "bytes=100-199");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("content-range")).isEqualTo("bytes 100-199/10000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));

        MediaHttp.Download tail = media.get("/api/media/" + id, alice.token(), "Range", "bytes=-10");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(bytes, 9_990, 10_000));

        MediaHttp.Download outside = media.get("/api/media/" + id, alice.token(), "Range", "bytes=20000-");
        assertThat(outside.status()).isEqualTo(416);

        MediaHttp.Download whole = media.get("/api/media/" + id, alice.token());
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(bytes);
        assertThat(whole.header("accept-ranges")).isEqualTo("bytes");
        assertThat(whole.header("content-disposition")).startsWith("attachment;");
        assertThat(whole.header("cache-control")).contains("private");
        String etag = whole.header("etag");
        MediaHttp.Download head = media.head("/api/media/" + id, alice.token());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("content-length")).isEqualTo("10000");
        assertThat(head.body()).isEmpty();
        assertThat(media.get("/api/media/" + id, alice.token(), "If-None-Match", etag).status()).isEqualTo(304);
    }

    @Test
    void imageMessageNamingAFileIsInvalidContent() {
        String id = upload(alice, "notes.txt", "just text, not a picture".getBytes());
        try (WsTestClient a = WsTestClient.connect(server.wsUrl(), alice.token())) {
            a.send("{\"type\":80,\"clientMsgId\":\"bad\",\"toId\":" + bob.userId() + ",\"content\":{\"contentType\":2,"
                    + "\"mediaId\":\"" + id + "\"}}");
            ErrorFrame error = a.next(ErrorFrame.class);
            assertThat(error.error()).isEqualTo("INVALID_CONTENT");
            assertThat(error.clientMsgId()).isEqualTo("bad");
        }
    }

    @Test
    void textSentRightAfterAPhotoIsCommittedAfterIt() {
        String id = upload(alice, "pic.png", TestImages.png(16, 16));
        try (WsTestClient a = WsTestClient.connect(server.wsUrl(), alice.token())) {
            a.send("{\"type\":80,\"clientMsgId\":\"p\",\"toId\":" + bob.userId() + ",\"content\":{\"contentType\":2,"
                    + "\"mediaId\":\"" + id + "\"}}");
            a.send("{\"type\":80,\"clientMsgId\":\"t\",\"toId\":" + bob.userId()
                    + ",\"content\":{\"contentType\":1,\"body\":\"that was me\"}}");
            ChatResp first = a.next(ChatResp.class);
            ChatResp second = a.next(ChatResp.class);
            assertThat(first.clientMsgId()).isEqualTo("p");
            assertThat(first.seq()).isEqualTo(1);
            assertThat(second.seq()).isEqualTo(2);
        }
    }

    private String upload(TestUser who, String name, byte[] bytes) {
        Http.Response up = media.upload(who.token(), name, bytes, "application/octet-stream");
        assertThat(up.status()).as(String.valueOf(up.body())).isEqualTo(201);
        return up.body().get("mediaId").asText();
    }

    private void sendDirect(TestUser from, TestUser to, String id) {
        Http.Response r = server.http().post("/api/messages", "{\"clientMsgId\":\"" + id + "\",\"toId\":" + to.userId()
                + ",\"content\":{\"contentType\":2,\"mediaId\":\"" + id + "\"}}", from.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    }

    private void sendGroup(TestUser from, long group, String id, String clientMsgId) {
        Http.Response r = server.http().post("/api/messages", "{\"clientMsgId\":\"" + clientMsgId + "\",\"groupId\":"
                + group + ",\"content\":{\"contentType\":2,\"mediaId\":\"" + id + "\"}}", from.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    }

    private static void assertNoSuchMedia(MediaHttp.Download d) {
        assertThat(d.status()).isEqualTo(404);
        assertThat(d.json().get("error").get("code").asText()).isEqualTo("NO_SUCH_MEDIA");
    }
}
