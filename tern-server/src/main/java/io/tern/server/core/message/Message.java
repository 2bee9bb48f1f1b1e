package io.tern.server.core.message;

import io.tern.protocol.ChatPush;
import io.tern.protocol.RawJson;

/**
 * A stored message. {@code content} is the JSON object text as the sender gave it, with the edits and recall
 * later change events made applied; {@code state} (JSON, or null) what those changes were (edited, recalled,
 * reactions: docs/message-lifecycle.md).
 */
public record Message(String msgId, String conversationId, long seq, long fromId, Long toId, long ts,
                      String clientMsgId, String content, String state) {

    public Message(String msgId, String conversationId, long seq, long fromId, Long toId, long ts,
                   String clientMsgId, String content) {
        this(msgId, conversationId, seq, fromId, toId, ts, clientMsgId, content, null);
    }

    public ChatPush toPush() {
        return new ChatPush(msgId, conversationId, seq, fromId, toId, ConversationIds.groupId(conversationId), ts,
                clientMsgId, new RawJson(content), state == null ? null : new RawJson(state));
    }
}
