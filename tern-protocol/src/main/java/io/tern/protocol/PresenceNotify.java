package io.tern.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * PRESENCE_NOTIFY (131), server to client: {@code userId} came online (their first device) or went offline
 * (their last one), or the receiver's view of them changed (a block, a contact or a privacy setting). Sent only
 * to users allowed to see that user's presence; {@code lastSeen} (ms since the epoch) is null when not told.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PresenceNotify(long userId, boolean online, Long lastSeen) implements Frame {
    @Override
    public int type() {
        return FrameType.PRESENCE_NOTIFY;
    }
}
