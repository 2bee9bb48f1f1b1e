package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** ACK_RESP (91), server to client: the ACK that asked for an answer was applied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AckResp(String msgId, String conversationId, Long seq) implements Frame {
    @Override
    public int type() {
        return FrameType.ACK_RESP;
    }
}
