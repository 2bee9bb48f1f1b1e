package io.tern.protocol;

/** CHAT_RESP (81), server to client: the message is committed with this msgId and seq. */
public record ChatResp(String clientMsgId, String msgId, String conversationId, long seq, long ts) implements Frame {
    @Override
    public int type() {
        return FrameType.CHAT_RESP;
    }
}
