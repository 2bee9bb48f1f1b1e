package io.tern.server.core.message;

import io.tern.protocol.ChatPush;
import io.tern.protocol.RawJson;

/** A stored message. {@code content} is the JSON object text exactly as the sender gave it. */
public record Message(String msgId, String conversationId, long seq, long fromId, Long toId, long ts,
                      String clientMsgId, String content) {

    public ChatPush toPush() {
        return new ChatPush(msgId, conversationId, seq, fromId, toId, ConversationIds.groupId(conversationId), ts,
                clientMsgId, new RawJson(content));
    }
}
