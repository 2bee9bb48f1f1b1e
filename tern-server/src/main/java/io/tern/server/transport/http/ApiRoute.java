package io.tern.server.transport.http;

import java.util.regex.Pattern;

/**
 * One API endpoint: method, path template ({@code {name}} segments become path parameters), whether a
 * bearer token is required, and the code that answers it (blocking is fine: routes run off the I/O threads).
 */
public record ApiRoute(String method, String template, boolean authenticated, Handler handler) {
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    public static ApiRoute open(String method, String template, Handler handler) {
        return new ApiRoute(method, template, false, handler);
    }

    public static ApiRoute authenticated(String method, String template, Handler handler) {
        return new ApiRoute(method, template, true, handler);
    }

    Pattern pattern() {
        return Pattern.compile(template.replaceAll("\\{(\\w+)}", "(?<$1>[^/]+)"));
    }
}
