package io.tern.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.server.support.Http;
import io.tern.server.support.MediaHttp;
import io.tern.server.support.TestImages;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/media: streaming to disk, limits, type from the bytes, images made safe, de-duplication. */
class MediaUploadTest {
    private TestServer server;
    private MediaHttp media;
    private TestUser alice;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("media.maxFileBytes", "200000", "media.userQuotaBytes", "250000",
                "media.maxImagePixels", "1000000"));
        media = new MediaHttp(server);
        alice = server.user("alice");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servedPhotoHasNoExifGpsAndIsTurnedUpright() {
        byte[] photo = TestImages.jpegWithGps(40, 20);
        assertThat(TestImages.contains(photo, "Exif".getBytes(StandardCharsets.US_ASCII))).isTrue();

        Http.Response up = media.upload(alice.token(), "holiday.jpg", photo, "image/jpeg");

        assertThat(up.status()).as(String.valueOf(up.body())).isEqualTo(201);
        assertThat(up.body().get("mime").asText()).isEqualTo("image/jpeg");
        // orientation 6: the stored 40 x 20 pixels are shown as 20 x 40
        assertThat(up.body().get("width").asInt()).isEqualTo(20);
        assertThat(up.body().get("height").asInt()).isEqualTo(40);
        MediaHttp.Download served = media.get("/api/media/" + up.body().get("mediaId").asText(), alice.token());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("content-type")).isEqualTo("image/jpeg");
        assertThat(TestImages.contains(served.body(), "Exif".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(TestImages.contains(served.body(), new byte[] {(byte) 0xFF, (byte) 0xE1})).isFalse();
        assertThat(TestImages.size(served.body())).containsExactly(20, 40);
        MediaHttp.Download thumb = media.get("/api/media/" + up.body().get("mediaId").asText() + "/thumbnail",
                alice.token());
        assertThat(thumb.status()).isEqualTo(200);
        assertThat(TestImages.contains(thumb.body(), "Exif".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void decompressionBombIsRefusedFromItsHeaderWithoutDecoding() {
        byte[] bomb = TestImages.pngBomb(100_000, 100_000); // 40 GB of pixels if decoded
        assertThat(bomb.length).isLessThan(1000);

        Http.Response up = media.upload(alice.token(), "small.png", bomb, "image/png");

        assertThat(up.status()).isEqualTo(413);
        assertThat(up.body().get("error").get("code").asText()).isEqualTo("IMAGE_TOO_LARGE");
        assertThat(up.body().get("error").get("message").asText()).contains("100000 x 100000");
        assertThat(server.http().get("/api/me", alice.token()).status()).isEqualTo(200); // still serving
    }

    @Test
    void htmlNamedPngIsStoredAsHtmlAndNeverServedAsAPage() {
        byte[] page = "<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);

        Http.Response up = media.upload(alice.token(), "cat.png", page, "image/png");

        assertThat(up.status()).isEqualTo(201);
        assertThat(up.body().get("mime").asText()).isEqualTo("text/html");
        assertThat(up.body().has("width")).isFalse();
        assertThat(up.body().get("content").get("contentType").asInt()).isEqualTo(3);
        MediaHttp.Download served = media.get("/api/media/" + up.body().get("mediaId").asText(), alice.token());
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("content-type")).isEqualTo("application/octet-stream");
        assertThat(served.header("content-disposition")).startsWith("attachment;").contains("cat.png");
        assertThat(served.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(served.body()).isEqualTo(page);
    }

    @Test
    void overSizeUploadIsRefusedAndNothingIsKept() throws Exception {
        byte[] big = new byte[250_000];
        new Random(1).nextBytes(big);

        Http.Response up = media.upload(alice.token(), "big.bin", big, "application/octet-stream");

        assertThat(up.status()).isEqualTo(413);
        assertThat(up.body().get("error").get("code").asText()).isEqualTo("MEDIA_TOO_LARGE");
        assertThat(files(server.dataDir().resolve("media"))).isZero();
    }

    @Test
    void quotaCountsEveryUploadOfTheUser() {
        Random random = new Random(2);
        byte[] a = new byte[150_000];
        byte[] b = new byte[150_000];
        random.nextBytes(a);
        random.nextBytes(b);
        assertThat(media.upload(alice.token(), "a.bin", a, "application/octet-stream").status()).isEqualTo(201);

        Http.Response second = media.upload(alice.token(), "b.bin", b, "application/octet-stream");

        assertThat(second.status()).isEqualTo(413);
        assertThat(second.body().get("error").get("code").asText()).isEqualTo("QUOTA_EXCEEDED");
        // the same bytes again cost nothing: they are the same media
        Http.Response again = media.upload(alice.token(), "a-again.bin", a, "application/octet-stream");
        assertThat(again.status()).isEqualTo(201);
        // another user has a quota of their own
        TestUser bob = server.user("bob");
        assertThat(media.upload(bob.token(), "b.bin", b, "application/octet-stream").status()).isEqualTo(201);
    }

    @Test
    void sameBytesAreOneBlobAndOneMediaPerUser() throws Exception {
        byte[] png = TestImages.png(30, 30);
        JsonNode first = media.upload(alice.token(), "one.png", png, "image/png").body();
        JsonNode second = media.upload(alice.token(), "two.png", png, "image/png").body();
        TestUser bob = server.user("bob");
        JsonNode bobs = media.upload(bob.token(), "b.png", png, "image/png").body();

        assertThat(second.get("mediaId").asText()).isEqualTo(first.get("mediaId").asText());
        assertThat(bobs.get("mediaId").asText()).isNotEqualTo(first.get("mediaId").asText());
        assertThat(bobs.get("sha256").asText()).isEqualTo(first.get("sha256").asText());
        assertThat(files(server.dataDir().resolve("media").resolve("blobs"))).isEqualTo(2); // image and thumbnail
    }

    @Test
    void uploadWithoutTokenIsRefused() {
        Http.Response up = media.upload(null, "x.bin", new byte[100], "application/octet-stream");
        assertThat(up.status()).isEqualTo(401);
        assertThat(up.body().get("error").get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    private static long files(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("link.key")).count();
        }
    }
}
