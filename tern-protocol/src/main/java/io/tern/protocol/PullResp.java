package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * PULL_RESP (103), server to client: messages in ascending seq order; {@code hasMore} says whether another
 * page lies in the direction that was asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PullResp(String conversationId, List<ChatPush> messages, boolean hasMore, String reqId)
        implements Frame {
    @Override
    public int type() {
        return FrameType.PULL_RESP;
    }
}
