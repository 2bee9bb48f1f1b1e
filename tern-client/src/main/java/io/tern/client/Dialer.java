package io.tern.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets an open, authenticated WebSocket: logs in over HTTP when there is no token yet, opens the socket with
 * the token, and logs in again once if the handshake refuses the token (403: expired or revoked). Keeps the
 * login between connections so reconnecting costs no password hash. Confined to the client's event thread;
 * every future it returns completes there.
 */
final class Dialer {
    private static final Logger log = LoggerFactory.getLogger(Dialer.class);

    private final ClientConfig config;
    private final HttpApi api;
    private final HttpClient http;
    private final Executor events;
    private HttpApi.LoginResult login;
    private String deviceId;
    private volatile long userId;

    Dialer(ClientConfig config, HttpApi api, HttpClient http, Executor events) {
        this.config = config;
        this.api = api;
        this.http = http;
        this.events = events;
        this.deviceId = config.deviceId();
    }

    CompletableFuture<WsConnection> dial(WsConnection.Handler handler) {
        if (login == null) {
            return loginAndOpen(handler);
        }
        return open(handler).exceptionallyComposeAsync(err -> {
            if (isTokenRefused(err)) {
                log.debug("{}: the server refused the token; logging in again", config.username());
                login = null;
                return loginAndOpen(handler);
            }
            return CompletableFuture.failedFuture(err);
        }, events);
    }

    /** The logged-in user; 0 before the first login. Safe from any thread. */
    long userId() {
        return userId;
    }

    /** True if the failure is the server refusing the credentials, which retrying will not change. */
    static boolean isRefusal(Throwable err) {
        return unwrap(err) instanceof TernClientException refused && refused.httpStatus() / 100 == 4;
    }

    private CompletableFuture<WsConnection> loginAndOpen(WsConnection.Handler handler) {
        return api.login(config.username(), config.password(), deviceId).thenComposeAsync(result -> {
            login = result;
            userId = result.userId();
            deviceId = result.deviceId(); // every later login is this same device, not a new one
            return open(handler);
        }, events);
    }

    private CompletableFuture<WsConnection> open(WsConnection.Handler handler) {
        String sep = login.wsUrl().contains("?") ? "&" : "?";
        URI uri = URI.create(login.wsUrl() + sep + "token=" + URLEncoder.encode(login.token(), StandardCharsets.UTF_8));
        return WsConnection.open(http, uri, events, handler).thenApplyAsync(c -> c, events);
    }

    private static boolean isTokenRefused(Throwable err) {
        return unwrap(err) instanceof WebSocketHandshakeException hs && hs.getResponse().statusCode() == 403;
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
