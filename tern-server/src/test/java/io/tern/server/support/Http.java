package io.tern.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A JSON HTTP client for the API under test. */
public final class Http {
    /** One answer: status and parsed JSON body. */
    public record Response(int status, JsonNode body) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Http(String base) {
        this.base = base;
    }

    public Response post(String path, String json, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        return send(b, token);
    }

    /** A JSON body with any method: PUT, PATCH. */
    public Response send(String method, String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)), token);
    }

    public Response delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
    }

    public Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    public Response send(HttpRequest.Builder builder, String token) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = CLIENT.send(builder.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() ? null : FrameCodec.mapper().readTree(r.body());
            return new Response(r.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public TestUser registerAndLogin(String username, String deviceId) {
        Response reg = post("/api/register", "{\"username\":\"" + username + "\",\"password\":\"password-1\"}", null);
        if (reg.status() != 201 && reg.status() != 409) {
            throw new IllegalStateException("register failed: " + reg);
        }
        return login(username, deviceId);
    }

    public TestUser login(String username, String deviceId) {
        String device = deviceId == null ? "" : ",\"deviceId\":\"" + deviceId + "\"";
        Response login = post("/api/login", "{\"username\":\"" + username + "\",\"password\":\"password-1\"" + device + "}",
                null);
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        return new TestUser(login.body().get("userId").asLong(), username, login.body().get("token").asText(),
                login.body().get("deviceId").asText());
    }
}
