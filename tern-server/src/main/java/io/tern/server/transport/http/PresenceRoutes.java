package io.tern.server.transport.http;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.account.AccountStore;
import io.tern.server.core.account.AccountsManager;
import io.tern.server.core.session.SessionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.tern.server.core.limit.Limits;

/**
 * Who is online (CIM's {@code :olu}), and the presence of given users — only of users who share a
 * conversation with the caller. Others are left out exactly as ids that do not exist are, so neither route
 * tells which accounts exist or when a stranger was last seen. Both are rate-limited per user.
 */
public final class PresenceRoutes {
    private static final int MAX_USERS = 200;

    private final AccountsManager accounts;
    private final SessionRegistry sessions;
    private final Limits limits;
    private final io.tern.server.core.people.Visibility visibility;

    public PresenceRoutes(AccountsManager accounts, SessionRegistry sessions, Limits limits,
                          io.tern.server.core.people.Visibility visibility) {
        this.visibility = visibility;
        this.limits = limits;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated("GET", "/api/users/online", this::online),
                ApiRoute.authenticated("GET", "/api/presence", this::presence));
    }

    private ApiResponse online(ApiRequest request) {
        int limit = (int) request.queryLong("limit", 50, 1, MAX_USERS);
        int offset = (int) request.queryLong("offset", 0, 0, Integer.MAX_VALUE);
        limits.lookup(request.principal().userId());
        List<Long> online = sessions.onlineAnywhere(visibleTo(request.principal().userId())).stream().sorted().toList();
        List<Long> page = online.subList(Math.min(offset, online.size()), Math.min(offset + limit, online.size()));
        List<Map<String, Object>> users = accounts.seen(page).stream()
                .map(s -> Map.<String, Object>of("userId", s.userId(), "username", s.username())).toList();
        return ApiResponse.ok(Map.of("total", online.size(), "users", users));
    }

    /** {@code ?userIds=1,2,3}: online or not, and when each was last connected. */
    private ApiResponse presence(ApiRequest request) {
        List<String> raw = request.query().get("userIds");
        if (raw == null || raw.isEmpty() || raw.get(0).isBlank()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "query parameter 'userIds' is required");
        }
        List<Long> ids = new ArrayList<>();
        for (String part : raw.get(0).split(",")) {
            try {
                ids.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw new TernException(ErrorCode.INVALID_FIELD, "'userIds' must be comma-separated user ids");
            }
        }
        if (ids.size() > MAX_USERS) {
            throw new TernException(ErrorCode.INVALID_FIELD, "at most " + MAX_USERS + " userIds");
        }
        limits.lookup(request.principal().userId());
        Set<Long> visible = visibleTo(request.principal().userId());
        ids.removeIf(id -> !visible.contains(id));
        List<Map<String, Object>> out = new ArrayList<>();
        Set<Long> online = sessions.onlineAnywhere(ids);
        for (AccountStore.Seen s : accounts.seen(ids)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("userId", s.userId());
            p.put("username", s.username());
            p.put("online", online.contains(s.userId()));
            p.put("lastSeen", s.lastSeen());
            out.add(p);
        }
        return ApiResponse.ok(Map.of("presence", out));
    }

    /**
     * Whose presence the user may see: themself, and everyone who shares or shared a conversation with them,
     * except those in a block with them either way or whose presence setting leaves the user out (docs/people.md).
     */
    private Set<Long> visibleTo(long userId) {
        Set<Long> visible = visibility.presenceVisible(userId, accounts.related(userId));
        visible.add(userId);
        return visible;
    }
}
