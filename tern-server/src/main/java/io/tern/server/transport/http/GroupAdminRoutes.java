package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.group.Group;
import io.tern.server.core.group.GroupAdmin;
import io.tern.server.core.group.GroupInvite;
import io.tern.server.core.group.GroupsManager;
import io.tern.server.core.message.GroupCommand.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running a group over HTTP: settings, dissolve, the ban list and invite links. A change that stores an event
 * answers its {@code seq} (absent when nothing changed).
 */
public final class GroupAdminRoutes {
    private final GroupAdmin admin;
    private final GroupsManager groups;

    public GroupAdminRoutes(GroupAdmin admin, GroupsManager groups) {
        this.admin = admin;
        this.groups = groups;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated("PATCH", "/api/groups/{groupId}", this::update),
                ApiRoute.authenticated("DELETE", "/api/groups/{groupId}", r -> changed(
                        admin.dissolve(r.principal().userId(), r.pathId("groupId")))),
                ApiRoute.authenticated("GET", "/api/groups/{groupId}/bans", this::bans),
                ApiRoute.authenticated("PUT", "/api/groups/{groupId}/bans/{userId}", r -> changed(
                        admin.ban(r.principal().userId(), r.pathId("groupId"), r.pathId("userId")))),
                ApiRoute.authenticated("DELETE", "/api/groups/{groupId}/bans/{userId}", r -> changed(
                        admin.unban(r.principal().userId(), r.pathId("groupId"), r.pathId("userId")))),
                ApiRoute.authenticated("POST", "/api/groups/{groupId}/invites", this::createInvite),
                ApiRoute.authenticated("GET", "/api/groups/{groupId}/invites", this::invites),
                ApiRoute.authenticated("DELETE", "/api/groups/{groupId}/invites/{code}", this::revokeInvite),
                ApiRoute.authenticated("POST", "/api/group-invites/{code}/join", this::joinByInvite));
    }

    private ApiResponse update(ApiRequest request) {
        JsonNode body = request.json();
        Settings settings = new Settings(ApiRequest.text(body, "name"), ApiRequest.text(body, "description"),
                optionalBool(body, "open"), optionalBool(body, "adminsOnly"));
        return changed(admin.update(request.principal().userId(), request.pathId("groupId"), settings));
    }

    private ApiResponse bans(ApiRequest request) {
        List<Map<String, Object>> out = admin.bans(request.principal().userId(), request.pathId("groupId")).stream()
                .map(b -> Map.<String, Object>of("userId", b.userId(), "bannedBy", b.bannedBy(), "bannedAt", b.bannedAt()))
                .toList();
        return ApiResponse.ok(Map.of("bans", out));
    }

    private ApiResponse createInvite(ApiRequest request) {
        JsonNode body = request.body().length == 0 ? io.tern.protocol.FrameCodec.mapper().createObjectNode() : request.json();
        Long expiresAt = positive(body, "expiresAt");
        Long maxUses = positive(body, "maxUses");
        if (maxUses != null && maxUses > GroupAdmin.MAX_INVITE_USES) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'maxUses' must be 1-" + GroupAdmin.MAX_INVITE_USES);
        }
        GroupInvite invite = admin.createInvite(request.principal().userId(), request.pathId("groupId"), expiresAt,
                maxUses == null ? null : maxUses.intValue());
        return ApiResponse.created(invite(invite));
    }

    private ApiResponse invites(ApiRequest request) {
        List<Map<String, Object>> out = admin.invites(request.principal().userId(), request.pathId("groupId"))
                .stream().map(GroupAdminRoutes::invite).toList();
        return ApiResponse.ok(Map.of("invites", out));
    }

    private ApiResponse revokeInvite(ApiRequest request) {
        admin.revokeInvite(request.principal().userId(), request.pathId("groupId"), request.pathParams().get("code"));
        return ApiResponse.ok(Map.of("ok", true));
    }

    private ApiResponse joinByInvite(ApiRequest request) {
        Group group = admin.joinByInvite(request.principal().userId(), request.pathParams().get("code"));
        return ApiResponse.ok(GroupRoutes.view(group, groups.memberCount(group.id()), null));
    }

    private static ApiResponse changed(long seq) {
        return GroupRoutes.changed(seq);
    }

    private static Map<String, Object> invite(GroupInvite i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", i.code());
        out.put("groupId", i.groupId());
        out.put("createdBy", i.createdBy());
        out.put("createdAt", i.createdAt());
        out.put("expiresAt", i.expiresAt());
        out.put("maxUses", i.maxUses());
        out.put("uses", i.uses());
        return out;
    }

    private static Boolean optionalBool(JsonNode body, String field) {
        return body.hasNonNull(field) ? ApiRequest.bool(body, field, false) : null;
    }

    private static Long positive(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw new TernException(ErrorCode.INVALID_FIELD, "field '" + field + "' must be a positive integer");
        }
        return node.longValue();
    }
}
