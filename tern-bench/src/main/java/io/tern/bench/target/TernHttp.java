package io.tern.bench.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The few HTTP calls the bench makes to Tern: register, login, create a group, read /metrics. The JDK
 * HttpClient is fine here (a bounded number of requests in flight); it is never used for the load
 * connections.
 */
public final class TernHttp {
    /** Answer of POST /api/login. */
    public record Login(long userId, String deviceId, String token, String wsUrl) {
    }

    /** Any non-2xx answer that the caller did not expect. */
    public static final class HttpError extends RuntimeException {
        public final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    public TernHttp(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    public URI base() {
        return base;
    }

    /** POST /api/register; true if created, false if the name exists already (409). */
    public CompletableFuture<Boolean> register(String username, String password) {
        return post("/api/register", null, Map.of("username", username, "password", password)).thenApply(r -> {
            if (r.statusCode() == 201 || r.statusCode() == 200) {
                return true;
            }
            if (r.statusCode() == 409) {
                return false;
            }
            throw error("register " + username, r);
        });
    }

    public CompletableFuture<Login> login(String username, String password, String deviceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("deviceId", deviceId);
        return post("/api/login", null, body).thenApply(r -> {
            if (r.statusCode() != 200) {
                throw error("login " + username, r);
            }
            JsonNode n = parse(r.body());
            return new Login(n.path("userId").asLong(), n.path("deviceId").asText(), n.path("token").asText(),
                    n.path("wsUrl").asText(""));
        });
    }

    /** POST /api/groups by the token's user; returns the group id. */
    public long createGroup(String token, String name, List<Long> memberIds) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("memberIds", memberIds);
        HttpResponse<String> r = post("/api/groups", token, body).get();
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw error("create group of " + (memberIds.size() + 1) + " members", r);
        }
        return parse(r.body()).path("groupId").asLong();
    }

    /** GET of a plain-text resource; the status and body. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> post(String path, String token, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            b.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("answer is not JSON: " + body, e);
        }
    }

    private static HttpError error(String what, HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body();
        return new HttpError(r.statusCode(), what + ": HTTP " + r.statusCode() + " "
                + (body.length() > 300 ? body.substring(0, 300) : body));
    }
}
