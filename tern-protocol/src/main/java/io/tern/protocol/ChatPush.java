package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * CHAT (80), server to client: a stored message, pushed live or returned in a page. The same shape is
 * used in SYNC_RESP summaries and PULL_RESP pages and over HTTP. {@code toId} is set for one-to-one
 * messages, {@code groupId} for group messages. {@code state}, when present, is what later change events
 * did to the message (edited, recalled, reactions; see docs/message-lifecycle.md): pages answer it applied, a
 * live push of a fresh message has none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatPush(String msgId, String conversationId, long seq, long fromId, Long toId, Long groupId, long ts,
                       String clientMsgId, RawJson content, RawJson state) implements Frame {

    /** A message with no change applied to it. */
    public ChatPush(String msgId, String conversationId, long seq, long fromId, Long toId, Long groupId, long ts,
                    String clientMsgId, RawJson content) {
        this(msgId, conversationId, seq, fromId, toId, groupId, ts, clientMsgId, content, null);
    }

    /** A one-to-one message. */
    public ChatPush(String msgId, String conversationId, long seq, long fromId, Long toId, long ts,
                    String clientMsgId, RawJson content) {
        this(msgId, conversationId, seq, fromId, toId, null, ts, clientMsgId, content, null);
    }

    @Override
    public int type() {
        return FrameType.CHAT;
    }
}
