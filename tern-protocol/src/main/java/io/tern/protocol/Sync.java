package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * SYNC (100), client to server: "this is what I hold" — conversationId to the last seq the device has.
 * A conversation the device does not list (or every conversation, when {@code cursors} is absent) starts
 * at the user's deliveredSeq: the device gets what no device of the user has received yet, and pages older
 * history on demand.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sync(Map<String, Long> cursors, String reqId) implements Frame {
    public static final int MAX_CURSORS = 10_000;

    public Sync {
        if (cursors != null) {
            if (cursors.size() > MAX_CURSORS) {
                throw new IllegalArgumentException("at most " + MAX_CURSORS + " cursors");
            }
            cursors.forEach((conversationId, seq) -> {
                Frames.requiredText(conversationId, "cursors key", 128);
                Frames.required(seq, "cursors[" + conversationId + "]");
                Frames.nonNegative(seq, "cursors[" + conversationId + "]");
            });
            cursors = Map.copyOf(cursors);
        }
    }

    @Override
    public int type() {
        return FrameType.SYNC;
    }
}
