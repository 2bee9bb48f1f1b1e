package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * PULL (102), client to server: a page of one conversation, either forwards after {@code afterSeq}
 * (catch-up, gap fill) or backwards before {@code beforeSeq} (history). {@code limit} defaults to the
 * server's page size.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pull(String conversationId, Long afterSeq, Long beforeSeq, Integer limit, String reqId)
        implements Frame {
    public Pull {
        Frames.requiredText(conversationId, "conversationId", 128);
        if ((afterSeq == null) == (beforeSeq == null)) {
            throw new IllegalArgumentException("give exactly one of afterSeq and beforeSeq");
        }
        Frames.nonNegative(afterSeq, "afterSeq");
        Frames.nonNegative(beforeSeq, "beforeSeq");
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    public static Pull after(String conversationId, long afterSeq, Integer limit) {
        return new Pull(conversationId, afterSeq, null, limit, null);
    }

    @Override
    public int type() {
        return FrameType.PULL;
    }
}
