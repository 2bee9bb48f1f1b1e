package io.tern.protocol;

/** PONG (41), either way: the answer to a PING. */
public record Pong() implements Frame {
    @Override
    public int type() {
        return FrameType.PONG;
    }
}
