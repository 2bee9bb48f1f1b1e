package io.tern.server.transport.http;

import io.tern.protocol.ChatPush;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.server.core.message.ConversationView;
import io.tern.server.core.message.Membership;
import io.tern.server.core.message.MessageQueries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The conversation list with unread counts, and history pages of one conversation. */
public final class ConversationRoutes {
    private static final int MAX_LIMIT = 500;

    private final MessageQueries messages;
    private final io.tern.server.core.people.Visibility visibility;

    public ConversationRoutes(MessageQueries messages) {
        this(messages, io.tern.server.core.people.Visibility.NONE);
    }

    /** With the blocks and receipt settings that leave readers out of {@code reads} (docs/people.md). */
    public ConversationRoutes(MessageQueries messages, io.tern.server.core.people.Visibility visibility) {
        this.messages = messages;
        this.visibility = visibility;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated("GET", "/api/conversations", this::list),
                ApiRoute.authenticated("GET", "/api/conversations/{conversationId}/messages", this::history),
                ApiRoute.authenticated("GET", "/api/conversations/{conversationId}/reads", this::reads));
    }

    private ApiResponse list(ApiRequest request) {
        int limit = (int) request.queryLong("limit", 50, 1, MAX_LIMIT);
        int offset = (int) request.queryLong("offset", 0, 0, Integer.MAX_VALUE);
        List<Map<String, Object>> out = messages.conversations(request.principal().userId(), limit, offset).stream()
                .map(ConversationRoutes::entry).toList();
        return ApiResponse.ok(Map.of("conversations", out));
    }

    private static Map<String, Object> entry(ConversationView view) {
        Membership m = view.membership();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("conversationId", m.conversationId());
        // a member who left sees the conversation as it was when they left
        e.put("lastSeq", m.visibleLastSeq());
        e.put("lastTs", m.active() || view.last() == null ? m.lastTs() : view.last().ts());
        e.put("deliveredSeq", m.deliveredSeq());
        e.put("readSeq", m.readSeq());
        e.put("unread", m.unread());
        e.put("mentions", m.mentions());
        ChatPush last = view.last() == null ? null : view.last().toPush();
        e.put("lastMessage", last);
        return e;
    }

    /** {@code afterSeq} pages forwards; otherwise {@code beforeSeq} (default: the newest) pages backwards. */
    private ApiResponse history(ApiRequest request) {
        long userId = request.principal().userId();
        String conversationId = request.pathParams().get("conversationId");
        Integer limit = (int) request.queryLong("limit", messages.pageSize(), 1, MAX_LIMIT);
        Pull pull;
        if (request.hasQuery("afterSeq") && request.hasQuery("beforeSeq")) {
            throw new io.tern.server.core.TernException(io.tern.protocol.ErrorCode.INVALID_FIELD,
                    "give at most one of afterSeq and beforeSeq");
        }
        if (request.hasQuery("afterSeq")) {
            pull = new Pull(conversationId, request.queryLong("afterSeq", 0, 0, Long.MAX_VALUE), null, limit, null);
        } else {
            long before = request.hasQuery("beforeSeq")
                    ? request.queryLong("beforeSeq", 0, 0, Long.MAX_VALUE)
                    : messages.checkMember(userId, conversationId).visibleLastSeq() + 1;
            pull = new Pull(conversationId, null, before, limit, null);
        }
        PullResp page = messages.pullNow(userId, pull);
        return ApiResponse.ok(Map.of("conversationId", conversationId, "messages", page.messages(),
                "hasMore", page.hasMore()));
    }

    /** Who has read the message at {@code seq}: the count and the user ids (the sender excluded). */
    private ApiResponse reads(ApiRequest request) {
        long seq = request.queryLong("seq", -1, 1, Long.MAX_VALUE);
        if (seq < 0) {
            throw new io.tern.server.core.TernException(io.tern.protocol.ErrorCode.INVALID_FIELD,
                    "query parameter 'seq' is required");
        }
        long viewer = request.principal().userId();
        List<Long> all = messages.readers(viewer, request.pathParams().get("conversationId"), seq);
        java.util.Set<Long> visible = visibility.receiptsVisible(viewer, all);
        List<Long> readers = all.stream().filter(visible::contains).toList();
        return ApiResponse.ok(Map.of("seq", seq, "readCount", readers.size(), "readers", readers));
    }
}
