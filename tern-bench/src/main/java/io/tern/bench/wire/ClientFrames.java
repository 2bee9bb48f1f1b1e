package io.tern.bench.wire;

import io.tern.protocol.Ack;
import io.tern.protocol.FrameCodec;
import io.tern.protocol.Ping;
import io.tern.protocol.Pong;

/** The small client frames, encoded once (PING, PONG) or per ACK with the protocol's own codec. */
public final class ClientFrames {
    private static final FrameCodec CODEC = FrameCodec.forClient();

    public static final byte[] PING = CODEC.encode(new Ping());
    public static final byte[] PONG = CODEC.encode(new Pong());

    private ClientFrames() {
    }

    /** Cumulative ACK (90): everything up to {@code seq} in the conversation is held. */
    public static byte[] ack(String conversationId, long seq) {
        return CODEC.encode(Ack.of(conversationId, seq));
    }
}
