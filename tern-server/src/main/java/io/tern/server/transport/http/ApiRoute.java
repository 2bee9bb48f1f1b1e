package io.tern.server.transport.http;

import java.util.regex.Pattern;

/**
 * One API endpoint: method, path template ({@code {name}} segments become path parameters), whether a
 * bearer token is required, and the code that answers it. Handlers run off the I/O threads, so blocking is
 * fine; an asynchronous handler (long-poll) answers with a future and holds no thread while it waits.
 */
public record ApiRoute(String method, String template, boolean authenticated, AsyncHandler handler) {
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    @FunctionalInterface
    public interface AsyncHandler {
        java.util.concurrent.CompletableFuture<ApiResponse> handle(ApiRequest request);
    }

    public static ApiRoute open(String method, String template, Handler handler) {
        return new ApiRoute(method, template, false, sync(handler));
    }

    public static ApiRoute authenticated(String method, String template, Handler handler) {
        return new ApiRoute(method, template, true, sync(handler));
    }

    public static ApiRoute authenticatedAsync(String method, String template, AsyncHandler handler) {
        return new ApiRoute(method, template, true, handler);
    }

    private static AsyncHandler sync(Handler handler) {
        return request -> java.util.concurrent.CompletableFuture.completedFuture(handler.handle(request));
    }

    Pattern pattern() {
        return Pattern.compile(template.replaceAll("\\{(\\w+)}", "(?<$1>[^/]+)"));
    }
}
