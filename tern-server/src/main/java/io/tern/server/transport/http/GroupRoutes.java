package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.group.Group;
import io.tern.server.core.group.GroupMember;
import io.tern.server.core.group.GroupsManager;
import io.tern.server.core.group.Role;
import io.tern.server.core.message.ConversationIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Group membership: create, read, list, members, join, leave, remove, roles, mutes, ownership ({@link GroupAdminRoutes}: the rest). */
public final class GroupRoutes {
    private static final int MAX_PAGE = 500;

    private final GroupsManager groups;
    private final int maxMembers;

    public GroupRoutes(GroupsManager groups, int maxMembers) {
        this.groups = groups;
        this.maxMembers = maxMembers;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated("POST", "/api/groups", this::create),
                ApiRoute.authenticated("GET", "/api/groups", this::mine),
                ApiRoute.authenticated("GET", "/api/groups/{groupId}", this::get),
                ApiRoute.authenticated("POST", "/api/groups/{groupId}/members", this::add),
                ApiRoute.authenticated("PUT", "/api/groups/{groupId}/members/{userId}", this::update),
                ApiRoute.authenticated("DELETE", "/api/groups/{groupId}/members/{userId}", this::remove),
                ApiRoute.authenticated("POST", "/api/groups/{groupId}/join", this::join),
                ApiRoute.authenticated("POST", "/api/groups/{groupId}/leave", this::leave),
                ApiRoute.authenticated("POST", "/api/groups/{groupId}/owner", this::transfer));
    }

    private ApiResponse create(ApiRequest request) {
        JsonNode body = request.json();
        Group group = groups.create(request.principal().userId(), ApiRequest.text(body, "name"),
                ApiRequest.ids(body, "memberIds", maxMembers), ApiRequest.bool(body, "open", false));
        return ApiResponse.created(view(group, groups.memberCount(group.id()), null));
    }

    private ApiResponse mine(ApiRequest request) {
        List<Map<String, Object>> out = groups.groupsOf(request.principal().userId()).stream()
                .map(g -> view(g, groups.memberCount(g.id()), null)).toList();
        return ApiResponse.ok(Map.of("groups", out));
    }

    private ApiResponse get(ApiRequest request) {
        long groupId = request.pathId("groupId");
        long userId = request.principal().userId();
        Group group = groups.get(userId, groupId);
        int limit = (int) request.queryLong("limit", 100, 1, MAX_PAGE);
        int offset = (int) request.queryLong("offset", 0, 0, Integer.MAX_VALUE);
        List<GroupMember> members = groups.members(userId, groupId, limit, offset);
        return ApiResponse.ok(view(group, groups.memberCount(groupId), members));
    }

    private ApiResponse add(ApiRequest request) {
        List<Long> ids = ApiRequest.ids(request.json(), "userIds", maxMembers);
        if (ids.isEmpty()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "field 'userIds' must list at least one user id");
        }
        groups.addMembers(request.principal().userId(), request.pathId("groupId"), ids);
        return ApiResponse.ok(Map.of("ok", true));
    }

    /** {@code {"role":"admin"|"member"}} and/or {@code {"muted":true|false, "mutedUntil":<epoch ms>}}. */
    private ApiResponse update(ApiRequest request) {
        JsonNode body = request.json();
        long actor = request.principal().userId();
        long groupId = request.pathId("groupId");
        long target = request.pathId("userId");
        String role = ApiRequest.text(body, "role");
        boolean muted = body.hasNonNull("muted");
        if (role == null && !muted) {
            throw new TernException(ErrorCode.INVALID_FIELD, "give 'role' and/or 'muted'");
        }
        long seq = 0;
        if (role != null) {
            seq = groups.setRole(actor, groupId, target, parseRole(role));
        }
        if (muted) {
            seq = Math.max(seq, groups.setMuted(actor, groupId, target, ApiRequest.bool(body, "muted", false),
                    until(body)));
        } else if (body.hasNonNull("mutedUntil")) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'mutedUntil' goes with \"muted\": true");
        }
        return changed(seq);
    }

    private ApiResponse remove(ApiRequest request) {
        groups.remove(request.principal().userId(), request.pathId("groupId"), request.pathId("userId"));
        return ApiResponse.ok(Map.of("ok", true));
    }

    private ApiResponse join(ApiRequest request) {
        groups.join(request.principal().userId(), request.pathId("groupId"));
        return ApiResponse.ok(Map.of("ok", true));
    }

    private ApiResponse leave(ApiRequest request) {
        groups.leave(request.principal().userId(), request.pathId("groupId"));
        return ApiResponse.ok(Map.of("ok", true));
    }

    private ApiResponse transfer(ApiRequest request) {
        JsonNode body = request.json();
        JsonNode to = body.get("userId");
        if (to == null || !to.isIntegralNumber() || to.longValue() <= 0) {
            throw new TernException(ErrorCode.INVALID_FIELD, "field 'userId' must be a positive user id");
        }
        return changed(groups.transferOwnership(request.principal().userId(), request.pathId("groupId"),
                to.longValue()));
    }

    /** {@code {"ok": true}}, with the seq of the event stored, if any. */
    static ApiResponse changed(long seq) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", true);
        if (seq > 0) {
            out.put("seq", seq);
        }
        return ApiResponse.ok(out);
    }

    private static Long until(JsonNode body) {
        JsonNode until = body.get("mutedUntil");
        if (until == null || until.isNull()) {
            return null;
        }
        if (!until.isIntegralNumber() || !until.canConvertToLong() || until.longValue() <= 0) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'mutedUntil' must be a time in epoch milliseconds");
        }
        return until.longValue();
    }

    private static Role parseRole(String role) {
        try {
            return Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TernException(ErrorCode.INVALID_FIELD, "role must be 'admin' or 'member'");
        }
    }

    static Map<String, Object> view(Group g, int memberCount, List<GroupMember> members) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupId", g.id());
        out.put("conversationId", ConversationIds.group(g.id()));
        out.put("name", g.name());
        out.put("ownerId", g.ownerId());
        out.put("open", g.open());
        out.put("description", g.description());
        out.put("adminsOnly", g.adminsOnly());
        out.put("createdAt", g.createdAt());
        out.put("memberCount", memberCount);
        if (members != null) {
            out.put("members", members.stream().map(GroupRoutes::member).toList());
        }
        return out;
    }

    private static Map<String, Object> member(GroupMember m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", m.userId());
        out.put("role", m.role().wireName());
        out.put("muted", m.muted());
        if (m.muted() && m.mutedUntil() != null) {
            out.put("mutedUntil", m.mutedUntil());
        }
        out.put("joinedSeq", m.joinedSeq());
        return out;
    }
}
