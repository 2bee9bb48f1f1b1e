package io.tern.server.core.message.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.group.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * What an ordinary message may point at: {@code replyTo} (the msgId it quotes, which the sender must be able to
 * see and which must not be recalled), {@code mentions} (user ids) and {@code mentionAll} (a group's owner and
 * admins only). Shapes are checked before the message is queued; the rest inside the commit.
 */
public final class References {
    /** More names than this in one message is a list, not a mention. */
    public static final int MAX_MENTIONS = 50;

    private References() {
    }

    /** Whether content may carry references: a substring test, so most messages are never parsed for it. */
    public static boolean mayCarry(String content) {
        return content != null && (content.contains("\"replyTo\"") || content.contains("\"mention")
                || content.contains("\"forwardOf\""));
    }

    /** Checks the fields' shapes; throws IllegalArgumentException with the reason. */
    public static void check(JsonNode content) {
        JsonNode reply = content.get("replyTo");
        if (reply != null && (!reply.isTextual() || reply.textValue().isEmpty() || reply.textValue().length() > 64)) {
            throw new IllegalArgumentException("content.replyTo must be the msgId of a message of this conversation");
        }
        JsonNode mentions = content.get("mentions");
        if (mentions != null) {
            if (!mentions.isArray() || mentions.size() > MAX_MENTIONS) {
                throw new IllegalArgumentException("content.mentions must be an array of at most " + MAX_MENTIONS
                        + " user ids");
            }
            for (JsonNode u : mentions) {
                if (!u.isIntegralNumber() || !u.canConvertToLong() || u.longValue() <= 0) {
                    throw new IllegalArgumentException("content.mentions must hold positive user ids");
                }
            }
        }
        JsonNode forward = content.get("forwardOf");
        if (forward != null && (!forward.isObject() || !forward.path("conversationId").isTextual()
                || !forward.path("msgId").isTextual() || forward.path("msgId").textValue().length() > 64
                || forward.path("conversationId").textValue().length() > 64)) {
            throw new IllegalArgumentException("content.forwardOf must be {\"conversationId\": ..., \"msgId\": ...} "
                    + "of the forwarded message");
        }
        JsonNode all = content.get("mentionAll");
        if (all != null && !all.isBoolean()) {
            throw new IllegalArgumentException("content.mentionAll must be true or false");
        }
    }

    public static String replyTo(JsonNode content) {
        JsonNode reply = content.get("replyTo");
        return reply == null ? null : reply.textValue();
    }

    /** The users a message mentions; {@code 0} stands for everyone ({@code mentionAll}). */
    public static List<Long> mentioned(JsonNode content) {
        List<Long> out = new ArrayList<>();
        content.path("mentions").forEach(u -> out.add(u.longValue()));
        if (content.path("mentionAll").asBoolean(false)) {
            out.add(0L);
        }
        return out;
    }

    /** Inside the commit: {@code mentionAll} in a group needs its owner or an admin. Null if allowed. */
    public static Verdict mentionAll(JsonNode content, Role role) {
        if (content.path("mentionAll").asBoolean(false) && role != null && role != Role.OWNER && role != Role.ADMIN) {
            return Verdict.refuse(ErrorCode.MENTION_ALL_FORBIDDEN, "only the group's owner and admins mention @all");
        }
        return null;
    }

    /** The forwarded message's conversation and msgId, or null. */
    public static String[] forwardOf(JsonNode content) {
        JsonNode forward = content.get("forwardOf");
        return forward == null ? null
                : new String[] {forward.get("conversationId").textValue(), forward.get("msgId").textValue()};
    }

    /**
     * Inside the commit: a forward carries the content of a message the sender sees (any conversation), as it
     * stands, so a forward can neither alter a message nor revive a recalled one.
     */
    public static Verdict forward(Target source, JsonNode content) {
        Verdict v = Fields.unchangeable(source);
        if (v != null) {
            return v;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = content.deepCopy();
        copy.remove("forwardOf");
        return copy.equals(source.content()) ? null : Verdict.refuse(ErrorCode.INVALID_FIELD,
                "a forward's content must be the forwarded message's content (plus forwardOf)");
    }

    /** Inside the commit: a reply quotes a message that is still there and is not itself an event. */
    public static Verdict reply(Target target) {
        return Fields.unchangeable(target);
    }
}
