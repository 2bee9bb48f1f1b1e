package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.people.PeopleDirectory;
import io.tern.server.core.people.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The user directory ({@code GET /api/users?prefix=}) and the caller's own profile. */
public final class PeopleRoutes {
    private static final int DEFAULT_LIMIT = 20;

    private final PeopleDirectory people;

    public PeopleRoutes(PeopleDirectory people) {
        this.people = people;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated("GET", "/api/users", this::search),
                ApiRoute.authenticated("GET", "/api/me/profile", request -> ApiResponse.ok(
                        json(people.profile(request.principal().userId())))),
                ApiRoute.authenticated("PUT", "/api/me/profile", this::update));
    }

    private ApiResponse search(ApiRequest request) {
        int limit = (int) request.queryLong("limit", DEFAULT_LIMIT, 1, PeopleDirectory.MAX_LIMIT);
        String prefix = request.hasQuery("prefix") ? request.query().get("prefix").get(0) : null;
        String after = request.hasQuery("after") ? request.query().get("after").get(0) : null;
        List<Profile> page = people.search(request.principal().userId(), prefix, after, limit + 1);
        boolean more = page.size() > limit;
        List<Map<String, Object>> users = page.subList(0, Math.min(limit, page.size())).stream()
                .map(PeopleRoutes::json).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("users", users);
        out.put("nextAfter", more ? page.get(limit - 1).username() : null);
        return ApiResponse.ok(out);
    }

    /** {@code {"displayName": "Ann Lee" | null, "avatarMediaId": "..." | null}}: both fields set (absent = null). */
    private ApiResponse update(ApiRequest request) {
        JsonNode body = request.json();
        return ApiResponse.ok(json(people.update(request.principal().userId(), text(body, "displayName"),
                text(body, "avatarMediaId"))));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'" + field + "' must be a string or null");
        }
        return v.textValue();
    }

    static Map<String, Object> json(Profile p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", p.userId());
        out.put("username", p.username());
        out.put("displayName", p.displayName());
        out.put("avatarMediaId", p.avatarMediaId());
        return out;
    }
}
