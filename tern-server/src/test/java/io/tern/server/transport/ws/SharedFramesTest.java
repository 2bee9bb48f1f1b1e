package io.tern.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The shared push frames: the bytes Netty's own server encoder would send, and buffers that are released. */
class SharedFramesTest {
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    /** What Netty's WebSocket encoder (server side: no mask) writes for a text frame of this payload. */
    private static byte[] nettyFrame(byte[] payload) {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        ch.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = ch.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        ch.finishAndReleaseAll();
        byte[] bytes = ByteBufUtil.getBytes(all);
        all.release();
        return bytes;
    }

    private static byte[] payload(int n) {
        byte[] p = new byte[n];
        Arrays.fill(p, (byte) 'x');
        return p;
    }

    @Test
    void encode_writesTheSameBytesAsNettysServerEncoder_atEveryLengthBoundary() {
        for (int n : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) {
            byte[] p = payload(n);
            ByteBuf ours = SharedFrames.encode(p, alloc);
            try {
                assertThat(ByteBufUtil.getBytes(ours)).as("payload of %d bytes", n).isEqualTo(nettyFrame(p));
            } finally {
                ours.release();
            }
        }
    }

    @Test
    void samePayloadTwice_sharesOneBuffer_andEachWriterGetsItsOwnIndexes() {
        SharedFrames frames = new SharedFrames();
        byte[] p = payload(300);

        ByteBuf first = frames.frameOf(p, alloc);
        ByteBuf second = frames.frameOf(p, alloc);
        first.skipBytes(first.readableBytes()); // one connection's socket took its copy

        assertThat(second.readableBytes()).isEqualTo(4 + 300);
        assertThat(ByteBufUtil.getBytes(second)).isEqualTo(nettyFrame(p));
        // compared at the allocation itself: the leak detector wraps a sampled buffer, and then its views differ
        ByteBuf allocation = innermost(first);
        assertThat(innermost(second)).isSameAs(allocation);
        assertThat(allocation.refCnt()).as("the cached frame's reference and one per writer").isEqualTo(3);
        assertThat(second.isReadOnly()).isTrue();
        first.release();
        second.release();
        assertThat(allocation.refCnt()).isEqualTo(1);
    }

    private static ByteBuf innermost(ByteBuf buf) {
        while (buf.unwrap() != null) {
            buf = buf.unwrap();
        }
        return buf;
    }

    @Test
    void aNewPayload_releasesThePreviousFrame_onceItsWritersAreDone() {
        SharedFrames frames = new SharedFrames();
        ByteBuf old = frames.frameOf(payload(10), alloc);
        ByteBuf underlying = innermost(old);

        ByteBuf next = frames.frameOf(payload(10), alloc); // another array: another frame

        assertThat(underlying.refCnt()).as("still held by the write in flight").isEqualTo(1);
        old.release();
        assertThat(underlying.refCnt()).isZero();
        next.release();
    }
}
