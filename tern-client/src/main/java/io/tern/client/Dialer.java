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
    /** The configured password until {@link #passwordChanged} replaces it. */
    private String password;
    private volatile long userId;
    /**
     * The WebSocket URLs that failed (or that the server moved us off) since the last open: the next route is
     * asked to avoid them. At most {@link #MAX_AVOID}, the newest.
     */
    private final java.util.List<String> avoid = new java.util.ArrayList<>();
    /** The server moved us off the node at {@code login.wsUrl}: ask for another before connecting. */
    private boolean leaving;
    private static final int MAX_AVOID = 4;

    Dialer(ClientConfig config, HttpApi api, HttpClient http, Executor events) {
        this.config = config;
        this.api = api;
        this.http = http;
        this.events = events;
        this.deviceId = config.deviceId();
        this.password = config.password();
    }

    /** The password was changed on the server: later logins use the new one. */
    void passwordChanged(String newPassword) {
        this.password = newPassword;
    }

    CompletableFuture<WsConnection> dial(WsConnection.Handler handler) {
        if (login == null) {
            return loginAndOpen(handler);
        }
        if (leaving) {
            leaving = false;
            return reroute(handler);
        }
        return open(handler).exceptionallyComposeAsync(err -> {
            if (isTokenRefused(err)) {
                log.debug("{}: the server refused the token; logging in again", config.username());
                login = null;
                return loginAndOpen(handler);
            }
            // The node behind wsUrl may be gone (cluster): ask at once, through serverUri, for another one.
            avoid(login.wsUrl());
            return reroute(handler);
        }, events);
    }

    /** The server moved this device off its node (KICK moved or shutdown): the next dial goes elsewhere. */
    void leave() {
        if (login != null) {
            avoid(login.wsUrl());
            leaving = true;
        }
    }

    /**
     * Asks for a node other than the ones to avoid and opens there. If the token is refused (401), or the server
     * predates {@code /api/reconnect} (404), it logs in again at once, also avoiding them; any other failure is
     * retried by the next attempt (never taken for a refusal that would stop the client).
     */
    private CompletableFuture<WsConnection> reroute(WsConnection.Handler handler) {
        HttpApi.LoginResult held = login;
        return api.reconnect(held.token(), java.util.List.copyOf(avoid)).handleAsync((url, err) -> {
            if (err == null) {
                login = held.at(url);
                return openElsewhere(handler, url);
            }
            if (unwrap(err) instanceof TernClientException refused
                    && (refused.httpStatus() == 401 || refused.httpStatus() == 404)) {
                login = null;
                return loginAndOpen(handler);
            }
            leaving = true; // the token still holds: the next attempt asks again
            return CompletableFuture.<WsConnection>failedFuture(
                    new java.io.IOException("asking for another node failed: " + unwrap(err), unwrap(err)));
        }, events).thenCompose(f -> f);
    }

    private CompletableFuture<WsConnection> openElsewhere(WsConnection.Handler handler, String url) {
        return open(handler).exceptionallyComposeAsync(err -> {
            if (isTokenRefused(err)) {
                login = null;
            } else {
                avoid(url);
                leaving = true;
            }
            return CompletableFuture.failedFuture(err);
        }, events);
    }

    private void avoid(String wsUrl) {
        avoid.remove(wsUrl);
        avoid.add(wsUrl);
        if (avoid.size() > MAX_AVOID) {
            avoid.remove(0);
        }
    }

    /**
     * The token of the current login, for the HTTP API; fails with NOT_CONNECTED before the first login,
     * since logging in here would race the connector's own first login and could create a second device.
     */
    CompletableFuture<String> token() {
        if (login == null) {
            return CompletableFuture.failedFuture(
                    TernClientException.local("NOT_CONNECTED", "connect() first: the HTTP API needs a login"));
        }
        return CompletableFuture.completedFuture(login.token());
    }

    /**
     * Logs in again as the same device after the server refused {@code refusedToken} (expired or revoked),
     * and completes with the new token. If another call already replaced that token, its token is used.
     */
    CompletableFuture<String> relogin(String refusedToken) {
        if (login != null && !login.token().equals(refusedToken)) {
            return CompletableFuture.completedFuture(login.token());
        }
        return api.login(config.username(), password, deviceId).thenApplyAsync(result -> {
            login = result;
            return result.token();
        }, events);
    }

    /** The logged-in user; 0 before the first login. Safe from any thread. */
    long userId() {
        return userId;
    }

    /** True if the failure is the server refusing the credentials, which retrying will not change. */
    static boolean isRefusal(Throwable err) {
        // 429 is not a refusal: many clients logging in again at once after a node died may meet a rate limit
        return unwrap(err) instanceof TernClientException refused && refused.httpStatus() / 100 == 4
                && refused.httpStatus() != 429;
    }

    private CompletableFuture<WsConnection> loginAndOpen(WsConnection.Handler handler) {
        return api.login(config.username(), password, deviceId, java.util.List.copyOf(avoid)).thenComposeAsync(result -> {
            login = result;
            userId = result.userId();
            deviceId = result.deviceId(); // every later login is this same device, not a new one
            return open(handler);
        }, events);
    }

    private CompletableFuture<WsConnection> open(WsConnection.Handler handler) {
        String sep = login.wsUrl().contains("?") ? "&" : "?";
        URI uri = URI.create(login.wsUrl() + sep + "token=" + URLEncoder.encode(login.token(), StandardCharsets.UTF_8));
        return WsConnection.open(http, uri, events, handler).thenApplyAsync(c -> {
            avoid.clear(); // reached a node: what failed before may be back by the next loss
            return c;
        }, events);
    }

    private static boolean isTokenRefused(Throwable err) {
        return unwrap(err) instanceof WebSocketHandshakeException hs && hs.getResponse().statusCode() == 403;
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
