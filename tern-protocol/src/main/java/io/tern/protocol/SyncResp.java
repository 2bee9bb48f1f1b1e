package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** SYNC_RESP (101), server to client: one summary per conversation with messages the device lacks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncResp(List<ConversationSummary> conversations, String reqId) implements Frame {
    @Override
    public int type() {
        return FrameType.SYNC_RESP;
    }
}
