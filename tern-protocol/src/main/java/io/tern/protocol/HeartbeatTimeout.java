package io.tern.protocol;

/** HEARTBEAT_TIMEOUT (30), server to client: nothing was received within the idle timeout; the server closes. */
public record HeartbeatTimeout() implements Frame {
    @Override
    public int type() {
        return FrameType.HEARTBEAT_TIMEOUT;
    }
}
