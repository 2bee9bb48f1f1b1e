package io.tern.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireFramesTest {
    private final WireFrames wire = new WireFrames();

    /** What a client reads: the frame decoded by Netty's own client-side decoder (server frames are unmasked). */
    private static String decoded(ByteBuf frame) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        client.writeInbound(frame);
        TextWebSocketFrame text = client.readInbound();
        try {
            return text.text();
        } finally {
            text.release();
            client.finishAndReleaseAll();
        }
    }

    /** Whether a byte changed through one view shows through the other. */
    private static boolean sharesMemory(ByteBuf one, ByteBuf other) {
        byte before = one.getByte(2);
        one.setByte(2, before + 1);
        boolean shared = other.getByte(2) == (byte) (before + 1);
        one.setByte(2, before);
        return shared;
    }

    @Test
    void frames_ofEveryLengthClass_decodeToTheirPayload() {
        for (int n : new int[] {0, 1, 125, 126, 65_535, 65_536, 200_000}) {
            String payload = "x".repeat(n);
            ByteBuf frame = WireFrames.encode(payload.getBytes(StandardCharsets.UTF_8), ByteBufAllocator.DEFAULT);
            assertThat(decoded(frame)).as("length %d", n).isEqualTo(payload);
        }
    }

    @Test
    void thesameBytesInARow_shareOneFrame_andEachViewIsReleasedByItsWrite() {
        byte[] push = "{\"type\":20}".getBytes(StandardCharsets.UTF_8);
        ByteBuf a = wire.textFrame(push, ByteBufAllocator.DEFAULT);
        ByteBuf b = wire.textFrame(push, ByteBufAllocator.DEFAULT);
        assertThat(sharesMemory(a, b)).as("views of one frame").isTrue();
        assertThat(a.refCnt()).as("the loop's own reference and the two views").isEqualTo(3);
        ByteBuf c = wire.textFrame("{\"type\":21}".getBytes(StandardCharsets.UTF_8), ByteBufAllocator.DEFAULT);
        assertThat(sharesMemory(a, c)).as("other bytes: a frame of their own").isFalse();
        assertThat(a.refCnt()).as("the loop let go of the old frame; the views keep it").isEqualTo(2);
        assertThat(decoded(a)).isEqualTo("{\"type\":20}");
        assertThat(decoded(b)).isEqualTo("{\"type\":20}");
        assertThat(a.refCnt()).isZero();
        c.release();
    }
}
