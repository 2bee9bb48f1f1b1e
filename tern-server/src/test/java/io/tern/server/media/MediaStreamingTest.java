package io.tern.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upload stream at the HTTP level: chunked bodies, Expect: 100-continue, and uploads cut off half-way. */
class MediaStreamingTest {
    private TestServer server;
    private TestUser alice;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("media.maxFileBytes", "8000000"));
        alice = server.user("alice");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void chunkedUploadOfSeveralMegabytesAfterContinueIsStoredWholeAndReadBack() throws Exception {
        String mediaId;
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write(("POST /api/media?name=big.bin HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice.token()
                    + "\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            while (!in.readLine().isEmpty()) {
                // the interim answer's headers
            }
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 80; i++) { // 5 MiB
                java.util.Arrays.fill(chunk, (byte) i);
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 201 Created");
            String line;
            StringBuilder rest = new StringBuilder();
            while ((line = in.readLine()) != null && !line.contains("\"size\"")) {
                rest.append(line);
            }
            assertThat(line).contains("\"size\":" + 80 * 64 * 1024);
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"mediaId\":\"([^\"]+)\"").matcher(rest + line);
            assertThat(id.find()).isTrue();
            mediaId = id.group(1);
        }
        assertThat(files("tmp")).isZero();
        // and back, read from the file chunk by chunk off the event loop: every byte in its place
        io.tern.server.support.MediaHttp media = new io.tern.server.support.MediaHttp(server);
        byte[] whole = media.get("/api/media/" + mediaId, alice.token()).body();
        assertThat(whole).hasSize(80 * 64 * 1024);
        for (int i = 0; i < 80; i++) {
            assertThat(whole[i * 64 * 1024]).isEqualTo((byte) i);
            assertThat(whole[i * 64 * 1024 + 64 * 1024 - 1]).isEqualTo((byte) i);
        }
        byte[] across = media.get("/api/media/" + mediaId, alice.token(), "Range", "bytes=65530-200000").body();
        assertThat(across).hasSize(200000 - 65530 + 1);
        assertThat(across[0]).isEqualTo((byte) 0);
        assertThat(across[10]).isEqualTo((byte) 1);
        assertThat(across[across.length - 1]).isEqualTo((byte) 3);
    }

    @Test
    void uploadCutOffHalfWayLeavesNothingBehind() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/media?name=cut.bin HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + alice.token()
                    + "\r\nContent-Length: 4000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1_000_000]);
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> files("tmp") == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> files("tmp") == 0);
        assertThat(files("blobs")).isZero();
    }

    private long files(String dir) throws Exception {
        Path p = server.dataDir().resolve("media").resolve(dir);
        try (Stream<Path> all = Files.walk(p)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
