package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * ACK (90), client to server: the device holds pushed messages. Either {@code msgId} (one message) or
 * {@code conversationId} + {@code seq} (everything up to seq in that conversation, cumulative).
 * With {@code wantResp} the server answers ACK_RESP.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ack(String msgId, String conversationId, Long seq, Boolean wantResp) implements Frame {
    public Ack {
        boolean byId = msgId != null;
        boolean cumulative = conversationId != null || seq != null;
        if (byId == cumulative) {
            throw new IllegalArgumentException("give either msgId, or conversationId and seq");
        }
        if (cumulative) {
            Frames.requiredText(conversationId, "conversationId", 128);
            Frames.required(seq, "seq");
            Frames.nonNegative(seq, "seq");
        }
    }

    public static Ack of(String conversationId, long seq) {
        return new Ack(null, conversationId, seq, null);
    }

    @Override
    public int type() {
        return FrameType.ACK;
    }
}
