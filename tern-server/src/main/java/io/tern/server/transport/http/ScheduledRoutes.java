package io.tern.server.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.ChatSend;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.schedule.Scheduled;
import io.tern.server.core.schedule.ScheduledStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduled sends: {@code POST /api/scheduled} (a CHAT body plus {@code sendAt}), {@code GET /api/scheduled},
 * {@code DELETE /api/scheduled/{id}}. Whether the message may be sent is decided when it is sent, like any
 * message; a refusal shows in the list as FAILED.
 */
public final class ScheduledRoutes {
    /** The furthest ahead a message may be scheduled. */
    static final Duration MAX_AHEAD = Duration.ofDays(366);

    private final ScheduledStore store;
    private final Clock clock;
    private final int maxPerUser;
    private final int maxContentBytes;

    public ScheduledRoutes(ScheduledStore store, Clock clock, int maxPerUser, int maxContentBytes) {
        this.store = store;
        this.clock = clock;
        this.maxPerUser = maxPerUser;
        this.maxContentBytes = maxContentBytes;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated("POST", "/api/scheduled", this::schedule),
                ApiRoute.authenticated("GET", "/api/scheduled", this::list),
                ApiRoute.authenticated("DELETE", "/api/scheduled/{id}", this::cancel));
    }

    private ApiResponse schedule(ApiRequest request) {
        JsonNode body = request.json();
        JsonNode sendAt = body.get("sendAt");
        long now = clock.millis();
        if (sendAt == null || !sendAt.isIntegralNumber() || !sendAt.canConvertToLong() || sendAt.longValue() <= now
                || sendAt.longValue() > now + MAX_AHEAD.toMillis()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "sendAt must be a time (epoch ms) in the future, at most "
                    + MAX_AHEAD.toDays() + " days ahead");
        }
        ObjectNode chatBody = ((ObjectNode) body).deepCopy();
        chatBody.remove("sendAt");
        ChatSend chat = HttpMessagingRoutes.chatOf(chatBody);
        String content = chat.content().json();
        if (content.length() > maxContentBytes || content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > maxContentBytes) {
            throw new TernException(ErrorCode.CONTENT_TOO_LARGE, "content is larger than " + maxContentBytes + " bytes");
        }
        long userId = request.principal().userId();
        long id = store.add(new Scheduled(0, userId, chat.clientMsgId(), chat.toId(), chat.groupId(), content,
                sendAt.longValue(), Scheduled.State.PENDING, null), maxPerUser);
        if (id < 0) {
            throw new TernException(ErrorCode.SCHEDULE_LIMIT, "at most " + maxPerUser
                    + " scheduled messages wait per user (messages.maxScheduled); cancel one first");
        }
        return ApiResponse.created(json(new Scheduled(id, userId, chat.clientMsgId(), chat.toId(), chat.groupId(),
                content, sendAt.longValue(), Scheduled.State.PENDING, null)));
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(Map.of("scheduled",
                store.list(request.principal().userId()).stream().map(ScheduledRoutes::json).toList()));
    }

    private ApiResponse cancel(ApiRequest request) {
        long id = request.pathId("id");
        if (!store.cancel(request.principal().userId(), id)) {
            throw new TernException(ErrorCode.NO_SUCH_SCHEDULED, "no scheduled message " + id
                    + " of yours is waiting (it was sent, is being sent, or never existed)");
        }
        return ApiResponse.ok(Map.of("cancelled", id));
    }

    private static Map<String, Object> json(Scheduled s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scheduledId", s.id());
        out.put("clientMsgId", s.clientMsgId());
        if (s.toId() != null) {
            out.put("toId", s.toId());
        } else {
            out.put("groupId", s.groupId());
        }
        out.put("content", new io.tern.protocol.RawJson(s.content()));
        out.put("sendAt", s.sendAt());
        out.put("state", s.state().name());
        if (s.error() != null) {
            out.put("error", s.error());
        }
        return out;
    }
}
