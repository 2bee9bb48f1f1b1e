package io.tern.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ContentRules;
import io.tern.protocol.RawJson;

/**
 * A message of a conversation as the listener gets it. {@code toId} is set for a one-to-one message,
 * {@code groupId} for a group message. {@code content} is the JSON object exactly as the sender wrote it;
 * {@link #text()} reads the body of a text message. {@code state} (null if none) is what change events did
 * to it, as a history page answers it: {@code edited}, {@code recalled}, {@code reactions}
 * (docs/message-lifecycle.md).
 */
public record Message(String msgId, String conversationId, long seq, long fromId, Long toId, Long groupId, long ts,
                      String clientMsgId, RawJson content, RawJson state) {

    public Message(String msgId, String conversationId, long seq, long fromId, Long toId, Long groupId, long ts,
                   String clientMsgId, RawJson content) {
        this(msgId, conversationId, seq, fromId, toId, groupId, ts, clientMsgId, content, null);
    }

    static Message of(ChatPush push) {
        return new Message(push.msgId(), push.conversationId(), push.seq(), push.fromId(), push.toId(),
                push.groupId(), push.ts(), push.clientMsgId(), push.content(), push.state());
    }

    /** The {@code contentType} of the content: 1 for text; groups announce membership changes with 100. */
    public int contentType() {
        return content.tree().path("contentType").asInt();
    }

    /** The body of a text message ({@code contentType} 1), or null for any other kind of content. */
    public String text() {
        JsonNode tree = content.tree();
        JsonNode body = tree.get("body");
        boolean isText = tree.path("contentType").asInt() == ContentRules.TEXT;
        return isText && body != null && body.isTextual() ? body.textValue() : null;
    }
}
