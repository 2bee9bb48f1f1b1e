package io.tern.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.TestServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The unauthenticated memory exhaustion of issue 19: 100,000 made-up paths on one keep-alive connection left
 * 830 MB live when every miss was cached. Now the live heap after a full GC must stay flat.
 */
class MadeUpPathsTest {
    private static final int REQUESTS = 100_000;
    private static final int PIPELINE = 500;

    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void hundredThousandMissingPaths_leaveHeapFlat() throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        String filler = "a".repeat(3_900);
        request(0, filler, 1_000); // warm up the pipeline and the JIT before measuring
        long before = liveHeap(memory);

        int notFound = 0;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            for (int sent = 0; sent < REQUESTS; sent += PIPELINE) {
                StringBuilder batch = new StringBuilder();
                for (int i = sent; i < sent + PIPELINE; i++) {
                    batch.append("GET /x").append(i).append(filler).append(" HTTP/1.1\r\nHost: t\r\n\r\n");
                }
                out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; i < PIPELINE; i++) {
                    notFound += readResponse(in) == 404 ? 1 : 0;
                }
            }
        }
        long after = liveHeap(memory);

        assertThat(notFound).isEqualTo(REQUESTS);
        assertThat(after - before).as("live heap growth in bytes").isLessThan(64L << 20);
    }

    private void request(int first, String filler, int count) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = first; i < first + count; i++) {
                out.write(("GET /w" + i + filler + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                readResponse(in);
            }
        }
    }

    private static long liveHeap(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Reads one response with a Content-Length body; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String status = readLine(in);
        int length = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
