package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.admin.AdminService;
import java.util.List;
import java.util.Map;

/**
 * The admin API under {@code /api/admin}: every route needs the token of an active admin (ADMIN_REQUIRED
 * otherwise). {@code {user}} is a user id or a username. docs/operations.md shows each with curl and with
 * {@code tern-server admin}.
 */
public final class AdminRoutes {
    private final AdminService admin;

    public AdminRoutes(AdminService admin) {
        this.admin = admin;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated("GET", "/api/admin/users", this::users),
                ApiRoute.authenticated("POST", "/api/admin/users", this::create),
                ApiRoute.authenticated("GET", "/api/admin/users/{user}", this::user),
                ApiRoute.authenticated("DELETE", "/api/admin/users/{user}", this::delete),
                ApiRoute.authenticated("POST", "/api/admin/users/{user}/disable", this::disable),
                ApiRoute.authenticated("POST", "/api/admin/users/{user}/enable", this::enable),
                ApiRoute.authenticated("POST", "/api/admin/users/{user}/password", this::password),
                ApiRoute.authenticated("POST", "/api/admin/users/{user}/revoke-sessions", this::revoke),
                ApiRoute.authenticated("PUT", "/api/admin/users/{user}/role", this::role),
                ApiRoute.authenticated("GET", "/api/admin/audit", this::audit),
                ApiRoute.authenticated("POST", "/api/admin/invites", this::invite),
                ApiRoute.authenticated("POST", "/api/admin/backup", this::backup));
    }

    private String actor(ApiRequest request) {
        return admin.requireAdmin(request.principal().userId());
    }

    private ApiResponse users(ApiRequest request) {
        actor(request);
        String query = request.query().containsKey("q") ? request.query().get("q").get(0) : "";
        int limit = (int) request.queryLong("limit", 100, 1, 1000);
        return ApiResponse.ok(Map.of("users", admin.users(query, limit)));
    }

    private ApiResponse user(ApiRequest request) {
        actor(request);
        return ApiResponse.ok(admin.resolve(request.pathParams().get("user")));
    }

    private ApiResponse create(ApiRequest request) {
        String actor = actor(request);
        JsonNode body = request.json();
        return ApiResponse.created(admin.create(actor, ApiRequest.text(body, "username"), ApiRequest.text(body, "password"),
                ApiRequest.bool(body, "admin", false)));
    }

    private ApiResponse delete(ApiRequest request) {
        return ApiResponse.ok(admin.delete(actor(request), request.pathParams().get("user")));
    }

    private ApiResponse disable(ApiRequest request) {
        return ApiResponse.ok(admin.disable(actor(request), request.pathParams().get("user")));
    }

    private ApiResponse enable(ApiRequest request) {
        return ApiResponse.ok(admin.enable(actor(request), request.pathParams().get("user")));
    }

    private ApiResponse password(ApiRequest request) {
        String actor = actor(request);
        admin.resetPassword(actor, request.pathParams().get("user"), ApiRequest.text(request.json(), "password"));
        return ApiResponse.ok(Map.of("reset", true));
    }

    private ApiResponse revoke(ApiRequest request) {
        return ApiResponse.ok(Map.of("revoked", admin.revokeSessions(actor(request), request.pathParams().get("user"))));
    }

    private ApiResponse role(ApiRequest request) {
        String actor = actor(request);
        return ApiResponse.ok(admin.setRole(actor, request.pathParams().get("user"),
                ApiRequest.text(request.json(), "role")));
    }

    private ApiResponse audit(ApiRequest request) {
        actor(request);
        return ApiResponse.ok(Map.of("entries", admin.auditLog((int) request.queryLong("limit", 100, 1, 1000))));
    }

    /** {@code {"hours": 168}} (the default, a week): a single-use code for {@code auth.registration=INVITE}. */
    private ApiResponse invite(ApiRequest request) {
        String actor = actor(request);
        JsonNode body = request.json();
        JsonNode hours = body.get("hours");
        if (hours != null && (!hours.canConvertToInt() || hours.asInt() < 1 || hours.asInt() > 24 * 365)) {
            throw new TernException(ErrorCode.INVALID_FIELD, "hours must be an integer in 1..8760");
        }
        java.time.Duration ttl = java.time.Duration.ofHours(hours == null ? 168 : hours.asInt());
        return ApiResponse.created(Map.of("code", admin.createInvite(actor, ttl), "validHours", ttl.toHours()));
    }

    /** {@code {"file": "/var/backups/tern-2026-11-30.db"}}: a path on the server's machine, which must not exist. */
    private ApiResponse backup(ApiRequest request) {
        String actor = actor(request);
        String file = ApiRequest.text(request.json(), "file");
        if (file == null || file.isBlank()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "file is required: a path on the server's machine");
        }
        return ApiResponse.ok(Map.of("file", file, "bytes", admin.backup(actor, file)));
    }
}
