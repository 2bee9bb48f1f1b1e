package io.tern.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Uploads and downloads of raw bytes, as a browser or the SDK would make them. */
public final class MediaHttp {
    /** A download: status, headers and the bytes. */
    public record Download(int status, HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return FrameCodec.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public MediaHttp(TestServer server) {
        this.base = "http://127.0.0.1:" + server.port();
    }

    /** POST /api/media with the bytes; the answer's JSON (201) or error body. */
    public Http.Response upload(String token, String name, byte[] bytes, String claimedType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/media"
                        + (name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", claimedType);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        Download d = send(b);
        return new Http.Response(d.status(), d.json());
    }

    /** A GET of a path (with query), with the bearer token if not null, and extra header pairs. */
    public Download get(String pathAndQuery, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    /** A HEAD of a path with the bearer token. */
    public Download head(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token));
    }

    private static Download send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
