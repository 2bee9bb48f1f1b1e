package io.tern.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.FrameCodec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Users, groups and conversations of the logged-in user, over the HTTP API: what a client shows besides
 * messages. Get it from {@link TernClient#directory()}; it works once {@link TernClient#connect()} has
 * logged in. Futures complete on an HTTP thread of the client (not its event thread) and fail with a
 * {@link TernClientException} carrying the server's error, such as {@code NO_SUCH_USER}. A token the server
 * no longer accepts is replaced by logging in again once.
 */
public final class Directory {
    private static final int MAX_ONLINE = 200;

    private final HttpApi api;
    private final Supplier<CompletableFuture<String>> token;
    private final Function<String, CompletableFuture<String>> relogin;

    /**
     * @param token   the current login's token, fetched from the event thread
     * @param relogin logs in again after the given token was refused, and gives the new one
     */
    Directory(HttpApi api, Supplier<CompletableFuture<String>> token,
              Function<String, CompletableFuture<String>> relogin) {
        this.api = api;
        this.token = token;
        this.relogin = relogin;
    }

    /**
     * Schedules a text message to a user ({@code toId}) or a group ({@code groupId}) for {@code sendAtMillis}
     * (epoch ms, the server's clock decides): {@code POST /api/scheduled}. Completes with the scheduled id; it
     * can be cancelled with {@code DELETE /api/scheduled/{id}} until it is sent (docs/message-lifecycle.md).
     */
    public CompletableFuture<Long> schedule(Long toId, Long groupId, String text, long sendAtMillis) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("clientMsgId", java.util.UUID.randomUUID().toString());
        if (toId != null) {
            body.put("toId", toId);
        } else {
            body.put("groupId", groupId);
        }
        body.put("content", Map.of("contentType", 1, "body", text));
        body.put("sendAt", sendAtMillis);
        return call(t -> api.post("api/scheduled", body, t)).thenApply(b -> b.path("scheduledId").asLong());
    }

    /**
     * Users online now (the first 200), as CIM's {@code :olu} lists them: the user and those who share or shared
     * a conversation with them; the server tells nobody else's presence.
     */
    public CompletableFuture<List<UserInfo>> onlineUsers() {
        return call(t -> api.get("api/users/online?limit=" + MAX_ONLINE, t)).thenApply(body -> {
            List<UserInfo> users = new ArrayList<>();
            body.path("users").forEach(u -> users.add(new UserInfo(u.path("userId").asLong(),
                    u.path("username").asText(), true)));
            return users;
        });
    }

    /**
     * The user with this name; fails with {@code NO_SUCH_USER}. (A user named {@code online} cannot be looked
     * up: the server answers that path with the list of users online, and this fails with BAD_RESPONSE.)
     */
    public CompletableFuture<UserInfo> user(String username) {
        String path = "api/users/" + URLEncoder.encode(username, StandardCharsets.UTF_8);
        return call(t -> api.get(path, t)).thenApply(u -> {
            if (!u.has("userId")) {
                throw TernClientException.local("BAD_RESPONSE", "no user record for " + username);
            }
            return new UserInfo(u.path("userId").asLong(), u.path("username").asText(), u.path("online").asBoolean());
        });
    }

    /** Names and presence of the given users (at most 200); unknown ids are left out. */
    public CompletableFuture<List<UserInfo>> users(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        String ids = userIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return call(t -> api.get("api/presence?userIds=" + ids, t)).thenApply(body -> {
            List<UserInfo> users = new ArrayList<>();
            body.path("presence").forEach(u -> users.add(new UserInfo(u.path("userId").asLong(),
                    u.path("username").asText(), u.path("online").asBoolean())));
            return users;
        });
    }

    /** The groups the user is a member of. */
    public CompletableFuture<List<GroupInfo>> groups() {
        return call(t -> api.get("api/groups", t)).thenApply(body -> {
            List<GroupInfo> groups = new ArrayList<>();
            body.path("groups").forEach(g -> groups.add(group(g)));
            return groups;
        });
    }

    /** One group: any open group, or a closed one the user is a member of ({@code NO_SUCH_GROUP}, {@code NOT_A_MEMBER}). */
    public CompletableFuture<GroupInfo> group(long groupId) {
        return call(t -> api.get("api/groups/" + groupId, t)).thenApply(Directory::group);
    }

    /**
     * Creates a group owned by the user with these other members; an {@code open} group can be joined by
     * anyone who knows its id.
     */
    public CompletableFuture<GroupInfo> createGroup(String name, Collection<Long> memberIds, boolean open) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("memberIds", List.copyOf(memberIds));
        body.put("open", open);
        return call(t -> api.post("api/groups", body, t)).thenApply(Directory::group);
    }

    /** Joins an open group; joining one the user is already in does nothing ({@code FORBIDDEN} if closed). */
    public CompletableFuture<Void> joinGroup(long groupId) {
        return call(t -> api.post("api/groups/" + groupId + "/join", Map.of(), t)).thenApply(body -> null);
    }

    /**
     * Joins a group by an invite link's code (closed groups too); fails with {@code NO_SUCH_INVITE},
     * {@code INVITE_EXPIRED}, {@code INVITE_EXHAUSTED}, {@code BANNED} or {@code GROUP_DISSOLVED}.
     */
    public CompletableFuture<GroupInfo> joinByInvite(String code) {
        String path = "api/group-invites/" + URLEncoder.encode(code, StandardCharsets.UTF_8) + "/join";
        return call(t -> api.post(path, Map.of(), t)).thenApply(Directory::group);
    }

    /** Settings, mutes, bans, invite links and dissolve of one group, as its admin or owner. */
    public GroupAdmin groupAdmin(long groupId) {
        return new GroupAdmin(api, this, groupId);
    }

    /** The user's conversations, most recent first, with unread counts and last messages. */
    public CompletableFuture<List<ConversationInfo>> conversations(int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be >= 1 and offset >= 0");
        }
        return call(t -> api.get("api/conversations?limit=" + limit + "&offset=" + offset, t)).thenApply(body -> {
            List<ConversationInfo> list = new ArrayList<>();
            body.path("conversations").forEach(c -> list.add(conversation(c)));
            return list;
        });
    }

    /**
     * Users whose username or display name starts with {@code prefix} (ignoring case), in username order;
     * {@code after} is the previous page's {@code nextAfter} (null for the first). Rate-limited by the server.
     */
    public CompletableFuture<UserPage> findUsers(String prefix, String after, int limit) {
        String path = "api/users?prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8) + "&limit=" + limit
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        return call(t -> api.get(path, t)).thenApply(body -> {
            List<UserProfile> users = new ArrayList<>();
            body.path("users").forEach(u -> users.add(profile(u)));
            JsonNode next = body.get("nextAfter");
            return new UserPage(users, next == null || next.isNull() ? null : next.asText());
        });
    }

    /** Sets the user's display name and avatar (an image they uploaded); null clears either. */
    public CompletableFuture<UserProfile> updateProfile(String displayName, String avatarMediaId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", displayName);
        body.put("avatarMediaId", avatarMediaId);
        return call(t -> api.put("api/me/profile", body, t)).thenApply(Directory::profile);
    }

    /**
     * Blocks the user: no direct messages either way, no presence, typing or read receipts across the block.
     * The blocked user is not told. Idempotent.
     */
    public CompletableFuture<Void> block(long userId) {
        return call(t -> api.put("api/blocks/" + userId, Map.of(), t)).thenApply(body -> null);
    }

    /** Lifts a block; idempotent. */
    public CompletableFuture<Void> unblock(long userId) {
        return call(t -> api.delete("api/blocks/" + userId, t)).thenApply(body -> null);
    }

    /** The ids of the users this user blocked. */
    public CompletableFuture<List<Long>> blocked() {
        return call(t -> api.get("api/blocks", t)).thenApply(body -> {
            List<Long> ids = new ArrayList<>();
            body.path("userIds").forEach(id -> ids.add(id.asLong()));
            return ids;
        });
    }

    /**
     * Asks the user to become a contact; completes with {@code pending}, {@code accepted} (they had asked you)
     * or {@code already_contacts}.
     */
    public CompletableFuture<String> requestContact(long userId) {
        return call(t -> api.post("api/contacts/requests/" + userId, Map.of(), t))
                .thenApply(body -> body.path("status").asText());
    }

    /** Accepts ({@code true}) or declines the request from the user; declining also withdraws your own. */
    public CompletableFuture<Void> answerContact(long userId, boolean accept) {
        String path = "api/contacts/requests/" + userId + (accept ? "/accept" : "/decline");
        return call(t -> api.post(path, Map.of(), t)).thenApply(body -> null);
    }

    /** The contacts and the pending requests both ways. */
    public CompletableFuture<Contacts> contacts() {
        return call(t -> api.get("api/contacts", t)).thenCombine(call(t -> api.get("api/contacts/requests", t)),
                (list, requests) -> {
                    List<UserInfo> users = new ArrayList<>();
                    list.path("contacts").forEach(u -> users.add(new UserInfo(u.path("userId").asLong(),
                            u.path("username").asText(), u.path("online").asBoolean(false))));
                    List<Long> in = new ArrayList<>();
                    requests.path("incoming").forEach(id -> in.add(id.asLong()));
                    List<Long> out = new ArrayList<>();
                    requests.path("outgoing").forEach(id -> out.add(id.asLong()));
                    Map<Long, String> names = new java.util.HashMap<>();
                    requests.path("users").fields().forEachRemaining(e -> names.put(Long.parseLong(e.getKey()),
                            e.getValue().asText()));
                    return new Contacts(users, in, out, names);
                });
    }

    /** The users this user blocked, id to username, in block order. */
    public CompletableFuture<Map<Long, String>> blockedUsers() {
        return call(t -> api.get("api/blocks", t)).thenApply(body -> {
            Map<Long, String> out = new LinkedHashMap<>();
            body.path("userIds").forEach(id -> out.put(id.asLong(),
                    body.path("users").path(id.asText()).asText("user " + id.asLong())));
            return out;
        });
    }

    /** Removes the contact both ways; idempotent. */
    public CompletableFuture<Void> removeContact(long userId) {
        return call(t -> api.delete("api/contacts/" + userId, t)).thenApply(body -> null);
    }

    /** The user's privacy settings: {@code presence} and {@code receipts}, each everyone, contacts or nobody. */
    public CompletableFuture<Map<String, String>> privacy() {
        return call(t -> api.get("api/me/privacy", t)).thenApply(body -> Map.of(
                "presence", body.path("presence").asText(), "receipts", body.path("receipts").asText()));
    }

    /**
     * Who sees the user's presence and last-seen, and who gets their read receipts: {@code everyone},
     * {@code contacts} or {@code nobody}; null keeps a setting.
     */
    public CompletableFuture<Void> setPrivacy(String presence, String receipts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("presence", presence);
        body.put("receipts", receipts);
        return call(t -> api.put("api/me/privacy", body, t)).thenApply(b -> null);
    }

    private static UserProfile profile(JsonNode u) {
        return new UserProfile(u.path("userId").asLong(), u.path("username").asText(),
                u.hasNonNull("displayName") ? u.get("displayName").asText() : null,
                u.hasNonNull("avatarMediaId") ? u.get("avatarMediaId").asText() : null);
    }

    /**
     * Messages the user may see whose text contains {@code query} (2 to 200 characters, ignoring case; any
     * script), newest first. Fails with {@code SEARCH_QUERY_TOO_SHORT}, {@code NOT_A_MEMBER} or
     * {@code RATE_LIMITED}.
     *
     * @param conversationId one conversation, or null for all
     * @param before         the {@code nextBefore} of the previous page, or null for the newest
     */
    public CompletableFuture<SearchResults> searchMessages(String query, String conversationId, Long before,
                                                           int limit) {
        StringBuilder path = new StringBuilder("api/search?q=").append(URLEncoder.encode(query, StandardCharsets.UTF_8))
                .append("&limit=").append(limit);
        if (conversationId != null) {
            path.append("&conversationId=").append(URLEncoder.encode(conversationId, StandardCharsets.UTF_8));
        }
        if (before != null) {
            path.append("&before=").append(before);
        }
        return call(t -> api.get(path.toString(), t)).thenApply(Directory::searchResults);
    }

    private static SearchResults searchResults(JsonNode body) {
        List<FoundMessage> hits = new ArrayList<>();
        for (JsonNode h : body.path("hits")) {
            List<FoundMessage.Highlight> marks = new ArrayList<>();
            h.path("highlights").forEach(m -> marks.add(new FoundMessage.Highlight(m.path("start").asInt(),
                    m.path("end").asInt())));
            hits.add(new FoundMessage(message(h.get("message")), h.path("text").asText(), marks));
        }
        JsonNode next = body.get("nextBefore");
        return new SearchResults(hits, next == null || next.isNull() ? null : next.asLong());
    }

    private static Message message(JsonNode push) {
        try {
            return Message.of(FrameCodec.mapper().treeToValue(push, ChatPush.class));
        } catch (Exception e) {
            throw TernClientException.local("BAD_RESPONSE", "unreadable message: " + e.getMessage());
        }
    }

    /** Runs the request with the current token, and once more with a fresh one if the token was refused. */
    CompletableFuture<JsonNode> call(Function<String, CompletableFuture<JsonNode>> request) {
        return token.get().thenCompose(t -> request.apply(t).exceptionallyCompose(err -> {
            if (unwrap(err) instanceof TernClientException e && e.httpStatus() == 401) {
                return relogin.apply(t).thenCompose(request);
            }
            return CompletableFuture.failedFuture(unwrap(err));
        }));
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    static GroupInfo group(JsonNode g) {
        return new GroupInfo(g.path("groupId").asLong(), g.path("conversationId").asText(), g.path("name").asText(),
                g.path("ownerId").asLong(), g.path("open").asBoolean(), g.path("memberCount").asInt(),
                g.path("description").asText(""), g.path("adminsOnly").asBoolean());
    }

    private static ConversationInfo conversation(JsonNode c) {
        JsonNode last = c.get("lastMessage");
        Message lastMessage = null;
        if (last != null && last.isObject()) {
            try {
                lastMessage = Message.of(FrameCodec.mapper().treeToValue(last, ChatPush.class));
            } catch (Exception e) {
                throw TernClientException.local("BAD_RESPONSE", "unreadable last message: " + e.getMessage());
            }
        }
        return new ConversationInfo(c.path("conversationId").asText(), c.path("lastSeq").asLong(),
                c.path("lastTs").asLong(), c.path("readSeq").asLong(), c.path("unread").asLong(), lastMessage);
    }
}
