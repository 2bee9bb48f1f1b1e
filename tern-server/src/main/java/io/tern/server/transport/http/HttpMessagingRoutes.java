package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatSend;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.FrameCodec;
import io.tern.server.core.TernException;
import io.tern.server.core.account.Principal;
import io.tern.server.core.media.MediaContents;
import io.tern.server.core.message.Message;
import io.tern.server.core.message.MessageQueries;
import io.tern.server.core.message.MessagesManager;
import io.tern.server.core.message.PollResult;
import io.tern.server.core.session.LongPolls;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Messaging without a WebSocket: send with {@code POST /api/messages} (the CHAT body, the CHAT_RESP answer)
 * and receive with the long-poll {@code GET /api/sync?cursors=conv=seq,...&wait=10}. The cursors a poll
 * passes acknowledge everything up to them. Typing, read and presence notices for the device come back in
 * {@code notices}; one arriving ends a held poll.
 */
public final class HttpMessagingRoutes {
    static final int MAX_WAIT_SECONDS = 30;
    private static final int MAX_CURSORS = 10_000;

    private final MessagesManager messages;
    private final MediaContents contents;
    private final MessageQueries queries;
    private final LongPolls longPolls;
    private final Executor blocking;

    public HttpMessagingRoutes(MessagesManager messages, MediaContents contents, MessageQueries queries,
                               LongPolls longPolls, Executor blocking) {
        this.messages = messages;
        this.contents = contents;
        this.queries = queries;
        this.longPolls = longPolls;
        this.blocking = blocking;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticatedAsync("POST", "/api/messages", this::send),
                ApiRoute.authenticatedAsync("GET", "/api/sync", this::sync));
    }

    private CompletableFuture<ApiResponse> send(ApiRequest request) {
        ChatSend chat = chatOf(request.json());
        long userId = request.principal().userId();
        return contents.resolve(userId, chat).thenCompose(c -> messages.send(userId, -1, c))
                .thenApply(HttpMessagingRoutes::accepted);
    }

    /** The CHAT body of a request; INVALID_FIELD for anything that is not one. */
    static ChatSend chatOf(JsonNode body) {
        try {
            return FrameCodec.mapper().treeToValue(body, ChatSend.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new TernException(ErrorCode.INVALID_FIELD, cause.getMessage() == null ? "invalid message" : cause.getMessage());
        }
    }

    private static ApiResponse accepted(Message m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientMsgId", m.clientMsgId());
        out.put("msgId", m.msgId());
        out.put("conversationId", m.conversationId());
        out.put("seq", m.seq());
        out.put("ts", m.ts());
        return ApiResponse.ok(out);
    }

    private CompletableFuture<ApiResponse> sync(ApiRequest request) {
        Principal principal = request.principal();
        Map<String, Long> cursors = request.hasQuery("cursors") ? parseCursors(request.query().get("cursors").get(0)) : null;
        Duration wait = Duration.ofSeconds(request.queryLong("wait", 10, 0, MAX_WAIT_SECONDS));
        int limit = (int) request.queryLong("limit", queries.pageSize(), 1, 500);
        LongPolls.Poll poll = longPolls.begin(principal);
        // the cursors acknowledge what the device holds, once clamped to what the user's conversations hold
        return CompletableFuture.supplyAsync(() -> acknowledge(principal, queries.pollNow(principal.userId(), cursors,
                        limit)), blocking)
                .thenCompose(first -> first.isEmpty() && !wait.isZero() && !poll.hasNotices()
                        ? poll.woken(wait).thenApplyAsync(woken -> woken
                                ? queries.pollNow(principal.userId(), cursors, limit) : first, blocking)
                        : CompletableFuture.completedFuture(first))
                .whenComplete((result, err) -> longPolls.end(poll))
                .thenApply(result -> answer(result, poll.takeNotices()));
    }

    private PollResult acknowledge(Principal principal, PollResult first) {
        first.held().forEach((conversationId, seq) -> messages.delivered(principal.userId(), conversationId, seq));
        return first;
    }

    /** The notices are the frames WebSocket sessions got, as encoded once for all of them. */
    private static ApiResponse answer(PollResult result, List<byte[]> notices) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messages", result.messages().stream().map(Message::toPush).toList());
        out.put("cursors", result.cursors());
        out.put("hasMore", result.hasMore());
        out.put("notices", notices.stream()
                .map(n -> new io.tern.protocol.RawJson(new String(n, java.nio.charset.StandardCharsets.UTF_8))).toList());
        return ApiResponse.ok(out);
    }

    /** {@code p:1:2=5,g:7=12}: a conversation id, '=', the last seq the device holds. */
    static Map<String, Long> parseCursors(String raw) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (raw.isBlank()) {
            return out;
        }
        for (String part : raw.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq <= 0 || eq > 128 || out.size() >= MAX_CURSORS) {
                throw badCursors();
            }
            try {
                long seq = Long.parseLong(part.substring(eq + 1));
                if (seq < 0) {
                    throw badCursors();
                }
                out.put(part.substring(0, eq), seq);
            } catch (NumberFormatException e) {
                throw badCursors();
            }
        }
        return out;
    }

    private static TernException badCursors() {
        return new TernException(ErrorCode.INVALID_FIELD,
                "cursors must be conversationId=seq pairs separated by commas, at most " + MAX_CURSORS);
    }
}
