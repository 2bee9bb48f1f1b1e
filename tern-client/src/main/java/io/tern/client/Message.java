package io.tern.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ContentRules;
import io.tern.protocol.RawJson;

/**
 * A message of a conversation as the listener gets it. {@code content} is the JSON object exactly as the
 * sender wrote it; {@link #text()} reads the body of a text message.
 */
public record Message(String msgId, String conversationId, long seq, long fromId, Long toId, long ts,
                      String clientMsgId, RawJson content) {

    static Message of(ChatPush push) {
        return new Message(push.msgId(), push.conversationId(), push.seq(), push.fromId(), push.toId(), push.ts(),
                push.clientMsgId(), push.content());
    }

    /** The body of a text message ({@code contentType} 1), or null for any other kind of content. */
    public String text() {
        JsonNode tree = content.tree();
        JsonNode body = tree.get("body");
        boolean isText = tree.path("contentType").asInt() == ContentRules.TEXT;
        return isText && body != null && body.isTextual() ? body.textValue() : null;
    }
}
