package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.Kick;
import io.tern.server.core.TernException;
import io.tern.server.core.account.Account;
import io.tern.server.core.account.AccountsManager;
import io.tern.server.core.account.LoginResult;
import io.tern.server.core.account.Principal;
import io.tern.server.core.cluster.NodeDirectory;
import io.tern.server.core.limit.Limits;
import io.tern.server.core.session.SessionRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Register, login, logout, who-am-I and user lookup. */
public final class AccountRoutes {
    private final AccountsManager accounts;
    private final SessionRegistry sessions;
    private final String publicWsUrl;
    private final Limits limits;
    private final String wsScheme;
    private final NodeDirectory nodes;
    private final Executor blocking;
    private final io.tern.server.core.people.Visibility visibility;

    /** {@code nodes} routes each login to the least-loaded live node of a cluster; a single node has none. */
    public AccountRoutes(AccountsManager accounts, SessionRegistry sessions, String publicWsUrl, Limits limits,
                         boolean tls, NodeDirectory nodes, Executor blocking) {
        this(accounts, sessions, publicWsUrl, limits, tls, nodes, blocking, io.tern.server.core.people.Visibility.NONE);
    }

    /** As above, with the blocks and privacy settings that may hide a user's presence (docs/people.md). */
    public AccountRoutes(AccountsManager accounts, SessionRegistry sessions, String publicWsUrl, Limits limits,
                         boolean tls, NodeDirectory nodes, Executor blocking, io.tern.server.core.people.Visibility visibility) {
        this.visibility = visibility;
        this.blocking = blocking;
        this.nodes = nodes;
        this.accounts = accounts;
        this.sessions = sessions;
        this.publicWsUrl = publicWsUrl;
        this.limits = limits;
        this.wsScheme = tls ? "wss://" : "ws://";
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.open("POST", "/api/register", this::register),
                new ApiRoute("POST", "/api/login", false, this::login),
                ApiRoute.authenticated("POST", "/api/logout", this::logout),
                ApiRoute.authenticated("POST", "/api/logout-all", this::logoutAll),
                ApiRoute.authenticated("POST", "/api/password", this::changePassword),
                ApiRoute.authenticated("GET", "/api/me", this::me),
                ApiRoute.authenticated("POST", "/api/reconnect", this::reconnect),
                ApiRoute.authenticated("GET", "/api/users/{username}", this::user));
    }

    private ApiResponse register(ApiRequest request) {
        limits.register(request.remoteAddress());
        JsonNode body = request.json();
        Account account = accounts.register(ApiRequest.text(body, "username"), ApiRequest.text(body, "password"));
        return ApiResponse.created(Map.of("userId", account.id(), "username", account.username()));
    }

    /**
     * Logs in; while the username is under attack, an address the user logged in from before is answered
     * after a short delay instead of being refused (the delay holds no thread).
     */
    private CompletableFuture<ApiResponse> login(ApiRequest request) {
        JsonNode body = request.json();
        String username = ApiRequest.text(body, "username");
        long slowdown = limits.login(request.remoteAddress(), username);
        if (slowdown <= 0) {
            return CompletableFuture.completedFuture(checkPassword(request, body, username));
        }
        return CompletableFuture.supplyAsync(() -> checkPassword(request, body, username),
                CompletableFuture.delayedExecutor(slowdown, TimeUnit.MILLISECONDS, blocking));
    }

    private ApiResponse checkPassword(ApiRequest request, JsonNode body, String username) {
        LoginResult result;
        try {
            result = accounts.login(username, ApiRequest.text(body, "password"), ApiRequest.text(body, "deviceId"));
        } catch (TernException e) {
            if (e.code() == ErrorCode.LOGIN_FAILED) {
                limits.loginFailed(request.remoteAddress(), username);
            }
            throw e;
        }
        limits.loginSucceeded(request.remoteAddress(), username);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", result.userId());
        out.put("deviceId", result.deviceId());
        out.put("token", result.token());
        out.put("expiresAt", result.expiresAt());
        out.put("wsUrl", wsUrl(request, Avoid.of(body)));
        return ApiResponse.ok(out);
    }

    /**
     * Where a logged-in device should open its next WebSocket, avoiding the URLs it could not reach (a killed
     * node) or was moved off (a draining node): costs a token check, not the password hash of a new login.
     */
    private ApiResponse reconnect(ApiRequest request) {
        return ApiResponse.ok(Map.of("wsUrl", wsUrl(request, Avoid.of(request.json()))));
    }

    private ApiResponse logout(ApiRequest request) {
        Principal principal = accounts.logout(request.bearerToken());
        sessions.kickToken(principal.userId(), principal.tokenHash(), Kick.LOGGED_OUT);
        return ApiResponse.ok(Map.of("revoked", true));
    }

    /** Revokes every token of the user and closes every session: "log out all devices". */
    private ApiResponse logoutAll(ApiRequest request) {
        Principal principal = request.principal();
        int revoked = accounts.logoutAll(principal);
        sessions.kickUser(principal.userId(), null, Kick.LOGGED_OUT);
        return ApiResponse.ok(Map.of("revoked", revoked));
    }

    /** {@code {"currentPassword", "newPassword"}}: every other token is revoked, their sessions closed. */
    private ApiResponse changePassword(ApiRequest request) {
        Principal principal = request.principal();
        JsonNode body = request.json();
        limits.login(request.remoteAddress(), "#" + principal.userId());
        try {
            accounts.changePassword(principal, ApiRequest.text(body, "currentPassword"),
                    ApiRequest.text(body, "newPassword"));
        } catch (TernException e) {
            if (e.code() == ErrorCode.WRONG_PASSWORD) {
                limits.loginFailed(request.remoteAddress(), "#" + principal.userId());
            }
            throw e;
        }
        sessions.kickUser(principal.userId(), principal.tokenHash(), Kick.LOGGED_OUT);
        return ApiResponse.ok(Map.of("changed", true));
    }

    private ApiResponse me(ApiRequest request) {
        Principal p = request.principal();
        Account account = accounts.find(p.userId())
                .orElseThrow(() -> new TernException(ErrorCode.INVALID_TOKEN, "account no longer exists"));
        return ApiResponse.ok(Map.of("userId", p.userId(), "username", account.username(), "deviceId", p.deviceId()));
    }

    /**
     * Finds a user by exact name (how a chat with someone new starts); presence only for users who share a
     * conversation with the caller. Rate-limited, so names cannot be guessed in bulk.
     */
    private ApiResponse user(ApiRequest request) {
        limits.lookup(request.principal().userId());
        String username = request.pathParams().get("username");
        Account account = accounts.findByUsername(username)
                .orElseThrow(() -> new TernException(ErrorCode.NO_SUCH_USER, "no user named " + username));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", account.id());
        out.put("username", account.username());
        long caller = request.principal().userId();
        if (account.id() == caller || accounts.related(caller).contains(account.id())
                && visibility.presenceVisible(caller, List.of(account.id())).contains(account.id())) {
            out.put("online", !sessions.onlineAnywhere(List.of(account.id())).isEmpty());
        }
        return ApiResponse.ok(out);
    }

    private String wsUrl(ApiRequest request, List<String> avoid) {
        java.util.Optional<String> routed = nodes.routeNewConnection(avoid);
        if (routed.isPresent()) {
            return routed.get();
        }
        if (!publicWsUrl.isEmpty()) {
            return publicWsUrl;
        }
        String host = request.host() == null || !request.host().matches("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9a-fA-F:.]+](:\\d{1,5})?")
                ? "localhost" : request.host();
        return wsScheme + host + "/ws";
    }
}
