package io.tern.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Running one group over the HTTP API (docs/groups.md): settings, roles, mutes with an end, the ban list,
 * invite links and dissolve. Get it from {@link Directory#groupAdmin(long)}. A change answers the seq of the
 * event it stored (0 when nothing changed); every member's client receives that event like a message. Futures
 * fail with a {@link TernClientException} carrying the server's error ({@code FORBIDDEN}, {@code GROUP_DISSOLVED}, ...).
 */
public final class GroupAdmin {
    /** An invite link: its code, uses so far, and its limits (null: none). */
    public record Invite(String code, long groupId, int uses, Integer maxUses, Long expiresAt) {
    }

    private final HttpApi api;
    private final Directory directory;
    private final long groupId;

    GroupAdmin(HttpApi api, Directory directory, long groupId) {
        this.api = api;
        this.directory = directory;
        this.groupId = groupId;
    }

    /** Changes the settings given; a null argument stays as it is. */
    public CompletableFuture<Long> update(String name, String description, Boolean open, Boolean adminsOnly) {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfSet(body, "name", name);
        putIfSet(body, "description", description);
        putIfSet(body, "open", open);
        putIfSet(body, "adminsOnly", adminsOnly);
        return change("PATCH", "", body);
    }

    /** Gives a member the role {@code "admin"} or {@code "member"} (the owner only). */
    public CompletableFuture<Long> setRole(long userId, String role) {
        return change("PUT", "/members/" + userId, Map.of("role", role));
    }

    /** Mutes a member until {@code until}, or until unmuted if null. */
    public CompletableFuture<Long> mute(long userId, Instant until) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("muted", true);
        putIfSet(body, "mutedUntil", until == null ? null : until.toEpochMilli());
        return change("PUT", "/members/" + userId, body);
    }

    public CompletableFuture<Long> unmute(long userId) {
        return change("PUT", "/members/" + userId, Map.of("muted", false));
    }

    /** Bans a user; a member is removed at the same time. */
    public CompletableFuture<Long> ban(long userId) {
        return change("PUT", "/bans/" + userId, Map.of());
    }

    public CompletableFuture<Long> unban(long userId) {
        return change("DELETE", "/bans/" + userId, Map.of());
    }

    /** The ids of the banned users, oldest ban first. */
    public CompletableFuture<List<Long>> bans() {
        return directory.call(t -> api.get(base() + "/bans", t)).thenApply(b -> {
            List<Long> out = new ArrayList<>();
            b.path("bans").forEach(x -> out.add(x.path("userId").asLong()));
            return out;
        });
    }

    /** A new invite link, valid until {@code expiresAt} (null: for good) for {@code maxUses} joins (null: any). */
    public CompletableFuture<Invite> createInvite(Instant expiresAt, Integer maxUses) {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfSet(body, "expiresAt", expiresAt == null ? null : expiresAt.toEpochMilli());
        putIfSet(body, "maxUses", maxUses);
        return directory.call(t -> api.send("POST", base() + "/invites", body, t)).thenApply(GroupAdmin::invite);
    }

    /** The invite links not revoked, newest first. */
    public CompletableFuture<List<Invite>> invites() {
        return directory.call(t -> api.get(base() + "/invites", t)).thenApply(b -> {
            List<Invite> out = new ArrayList<>();
            b.path("invites").forEach(x -> out.add(invite(x)));
            return out;
        });
    }

    public CompletableFuture<Void> revokeInvite(String code) {
        String path = base() + "/invites/" + URLEncoder.encode(code, StandardCharsets.UTF_8);
        return directory.call(t -> api.send("DELETE", path, Map.of(), t)).thenApply(b -> null);
    }

    /** Ends the group (the owner only): every member gets a "dissolved" event; history stays readable. */
    public CompletableFuture<Long> dissolve() {
        return change("DELETE", "", Map.of());
    }

    private CompletableFuture<Long> change(String method, String sub, Map<String, ?> body) {
        return directory.call(t -> api.send(method, base() + sub, body, t)).thenApply(b -> b.path("seq").asLong(0));
    }

    private String base() {
        return "api/groups/" + groupId;
    }

    private static void putIfSet(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }

    private static Invite invite(JsonNode x) {
        return new Invite(x.path("code").asText(), x.path("groupId").asLong(), x.path("uses").asInt(),
                x.hasNonNull("maxUses") ? x.get("maxUses").asInt() : null,
                x.hasNonNull("expiresAt") ? x.get("expiresAt").asLong() : null);
    }
}
