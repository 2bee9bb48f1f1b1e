package io.tern.protocol;

/** PING (40), either way: the other side answers with PONG. */
public record Ping() implements Frame {
    @Override
    public int type() {
        return FrameType.PING;
    }
}
