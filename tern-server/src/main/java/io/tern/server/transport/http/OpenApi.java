package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3 description of the HTTP API, kept in {@code openapi.json} next to this class. */
public final class OpenApi {
    private OpenApi() {
    }

    public static JsonNode document() {
        try (InputStream in = OpenApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return FrameCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ApiRoute route() {
        JsonNode doc = document();
        return ApiRoute.open("GET", "/api/openapi.json", request -> ApiResponse.ok(doc));
    }
}
