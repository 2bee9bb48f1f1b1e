package io.tern.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the admin HTTP API of a running server; an error answer becomes an {@link OperatorException}. */
final class RemoteAdmin {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    RemoteAdmin(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    JsonNode call(String method, String path, Object body) {
        try {
            String json = body == null ? "" : FrameCodec.mapper().writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isEmpty() ? null : FrameCodec.mapper().readTree(response.body());
            if (response.statusCode() >= 400) {
                JsonNode error = answer == null ? null : answer.path("error");
                throw new OperatorException(response.statusCode() + " " + (error == null ? ""
                        : error.path("code").asText() + ": " + error.path("message").asText()));
            }
            return answer;
        } catch (IOException e) {
            throw new OperatorException("cannot reach " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperatorException("interrupted");
        }
    }
}
