package io.tern.client;

import static io.tern.client.LocalServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's media calls against a real server: upload with progress, image and file messages, download. */
class MediaClientTest {
    @TempDir
    Path dir;
    private LocalServer server;

    @BeforeEach
    void startServer() {
        server = new LocalServer(dir.resolve("data"), Clock.systemUTC(), Map.of("media.maxFileBytes", "100000"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void imageSentByOneClientIsDownloadedByTheOther() throws Exception {
        Inbox bobInbox = new Inbox();
        TernClient alice = server.registered("alice", new Inbox());
        TernClient bob = server.registered("bob", bobInbox);
        Path photo = dir.resolve("photo.png");
        ImageIO.write(new BufferedImage(50, 30, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        AtomicLong progress = new AtomicLong();

        Uploaded up = await(alice.media().upload(photo, progress::set));
        assertThat(progress.get()).isEqualTo(Files.size(photo));
        assertThat(up.width()).isEqualTo(50);
        Sent sent = await(alice.media().sendImage(bob.userId(), photo, "the view"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !bobInbox.of(sent.conversationId()).isEmpty());
        Message got = bobInbox.of(sent.conversationId()).get(0);
        assertThat(got.contentType()).isEqualTo(2);
        assertThat(got.content().tree().get("caption").asText()).isEqualTo("the view");
        String mediaId = got.content().tree().get("mediaId").asText();
        Path saved = await(bob.media().download(mediaId, false, dir.resolve("saved.png")));
        BufferedImage image = ImageIO.read(saved.toFile());
        assertThat(image.getWidth()).isEqualTo(50);
        assertThat(image.getHeight()).isEqualTo(30);
        assertThat(await(bob.media().link(mediaId))).startsWith("/api/media/" + mediaId + "?exp=");
    }

    @Test
    void tooLargeFileFailsWithTheServersError() throws Exception {
        TernClient alice = server.registered("alice", new Inbox());
        TernClient bob = server.registered("bob", new Inbox());
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[150_000]);

        assertThatThrownBy(() -> await(alice.media().sendFile(bob.userId(), big, null)))
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOfSatisfying(TernClientException.class, e -> assertThat(e.error()).isEqualTo("MEDIA_TOO_LARGE"));
    }
}
