package io.tern.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.FrameCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP API: register and login, and authenticated GET and POST for {@link Directory}. Non-blocking, on the
 * client's shared HttpClient; futures complete on its HTTP threads.
 */
final class HttpApi {
    /** What a login hands back; the token opens the WebSocket at {@code wsUrl}. */
    record LoginResult(long userId, String deviceId, String token, long expiresAt, String wsUrl) {
        LoginResult at(String otherWsUrl) {
            return new LoginResult(userId, deviceId, token, expiresAt, otherWsUrl);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = FrameCodec.mapper();

    private final HttpClient http;
    private final URI base;

    HttpApi(HttpClient http, URI base) {
        this.http = http;
        // A base without a trailing slash would lose its last path segment when relative paths resolve.
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
    }

    /** POST /api/register; completes with the new user's id, or fails with e.g. USERNAME_TAKEN. */
    CompletableFuture<Long> register(String username, String password) {
        return register(username, password, null);
    }

    /** As {@link #register(String, String)} with the invite code a server with invite-only sign-up needs. */
    CompletableFuture<Long> register(String username, String password, String invite) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        if (invite != null) {
            body.put("invite", invite);
        }
        return post("api/register", body).thenApply(answer -> answer.path("userId").asLong());
    }

    /** POST /api/login; a null deviceId lets the server pick one. */
    CompletableFuture<LoginResult> login(String username, String password, String deviceId) {
        return login(username, password, deviceId, java.util.List.of());
    }

    /** As above, routed to a node other than those at the {@code avoid} URLs (see {@link #reconnect}). */
    CompletableFuture<LoginResult> login(String username, String password, String deviceId,
                                         java.util.List<String> avoid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        if (deviceId != null) {
            body.put("deviceId", deviceId);
        }
        if (!avoid.isEmpty()) {
            body.put("avoid", avoid);
        }
        return post("api/login", body, null).thenApply(b -> new LoginResult(b.path("userId").asLong(),
                b.path("deviceId").asText(), b.path("token").asText(), b.path("expiresAt").asLong(),
                b.path("wsUrl").asText()));
    }

    /**
     * POST /api/reconnect: the WebSocket URL of a live node other than those at {@code avoid} (a killed or
     * draining node), for the token already held; no password, so no password hash on the server.
     */
    CompletableFuture<String> reconnect(String token, java.util.List<String> avoid) {
        return post("api/reconnect", Map.of("avoid", avoid), token).thenApply(b -> b.path("wsUrl").asText());
    }

    /** GET of a path relative to the server's base ({@code api/...}) with a bearer token. */
    CompletableFuture<JsonNode> get(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(HttpApi::parse);
    }

    /** POST of a JSON body; {@code token} null for the calls that need no login. */
    CompletableFuture<JsonNode> post(String path, Map<String, ?> body, String token) {
        return send("POST", path, body, token);
    }

    /** PUT of a JSON body with a bearer token. */
    CompletableFuture<JsonNode> put(String path, Map<String, ?> body, String token) {
        return send("PUT", path, body, token);
    }

    /** DELETE with a bearer token. */
    CompletableFuture<JsonNode> delete(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).DELETE().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(HttpApi::parse);
    }

    /** A request with a JSON body (POST, PUT, PATCH, DELETE); {@code token} null for the calls that need no login. */
    CompletableFuture<JsonNode> send(String method, String path, Map<String, ?> body, String token) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(HttpApi::parse);
    }

    /**
     * POST /api/media with the file's bytes, streamed from disk; {@code sent} hears the bytes handed to the
     * connection so far. No request timeout: a large file on a slow link takes as long as it takes.
     */
    CompletableFuture<JsonNode> upload(java.nio.file.Path file, String name, String token,
                                       java.util.function.LongConsumer sent) {
        HttpRequest.BodyPublisher body;
        try {
            body = new CountingPublisher(HttpRequest.BodyPublishers.ofFile(file), sent);
        } catch (java.io.FileNotFoundException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/media?name="
                        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .POST(body)
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(HttpApi::parse);
    }

    /** GET of a media path streamed into {@code target}; an error answer is read as JSON and fails the future. */
    CompletableFuture<java.nio.file.Path> download(String path, String token, java.nio.file.Path target) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofFile(target)).thenApply(r -> {
            if (r.statusCode() != 200) {
                try {
                    String error = java.nio.file.Files.readString(target);
                    java.nio.file.Files.deleteIfExists(target);
                    parse(r.statusCode(), error);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return target;
        });
    }

    /** Counts the bytes of a body as the HttpClient takes them. */
    private static final class CountingPublisher implements HttpRequest.BodyPublisher {
        private final HttpRequest.BodyPublisher inner;
        private final java.util.function.LongConsumer sent;

        CountingPublisher(HttpRequest.BodyPublisher inner, java.util.function.LongConsumer sent) {
            this.inner = inner;
            this.sent = sent;
        }

        @Override
        public long contentLength() {
            return inner.contentLength();
        }

        @Override
        public void subscribe(java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
            java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
            inner.subscribe(new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(java.nio.ByteBuffer item) {
                    long n = total.addAndGet(item.remaining());
                    subscriber.onNext(item);
                    sent.accept(n);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }
    }

    private CompletableFuture<JsonNode> post(String path, Map<String, String> body) {
        return post(path, body, null);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        return parse(response.statusCode(), response.body());
    }

    private static JsonNode parse(int status, String text) {
        JsonNode body;
        try {
            body = text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw TernClientException.local("BAD_RESPONSE", "HTTP " + status + " with a body that is not JSON");
        }
        if (status >= 200 && status < 300) {
            return body;
        }
        JsonNode error = body.path("error");
        String name = error.path("code").asText("HTTP_" + status);
        int number = 0;
        for (ErrorCode c : ErrorCode.values()) {
            if (c.name().equals(name)) {
                number = c.code();
            }
        }
        throw new TernClientException(number, name, error.path("message").asText(""), status);
    }
}
