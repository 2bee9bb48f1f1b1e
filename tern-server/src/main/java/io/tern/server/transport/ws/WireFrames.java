package io.tern.server.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The WebSocket frame of bytes encoded once for many connections (a push, a notice), built once per event loop
 * instead of once per connection. A pass of the fan-out writes one message to all its recipients on a loop in a
 * row, so each loop keeps the last frame it built and hands out views of it: one direct buffer per message and
 * loop instead of, per recipient, a frame object, a header buffer, a copy of the payload and two outbound entries.
 * Server-to-client frames are not masked and Tern negotiates no extension, so the bytes are the same for every
 * connection. Only used on the channel's own event loop; each loop holds at most one frame.
 */
final class WireFrames {
    private static final byte FIN_TEXT = (byte) 0x81;

    private static final class Last {
        byte[] payload;
        ByteBuf frame;
    }

    private final FastThreadLocal<Last> last = new FastThreadLocal<>() {
        @Override
        protected Last initialValue() {
            return new Last();
        }

        @Override
        protected void onRemoval(Last value) { // the event loop ends
            if (value.frame != null) {
                value.frame.release();
                value.frame = null;
            }
        }
    };

    /** A retained view of the text frame carrying {@code payload}; the caller's write releases it. */
    ByteBuf textFrame(byte[] payload, ByteBufAllocator alloc) {
        Last l = last.get();
        if (l.payload != payload) {
            if (l.frame != null) {
                l.frame.release(); // views still queued on connections keep it alive until written
            }
            l.frame = encode(payload, alloc);
            l.payload = payload;
        }
        return l.frame.retainedDuplicate();
    }

    static ByteBuf encode(byte[] payload, ByteBufAllocator alloc) {
        int n = payload.length;
        int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
        ByteBuf frame = alloc.directBuffer(header + n);
        frame.writeByte(FIN_TEXT);
        if (n < 126) {
            frame.writeByte(n);
        } else if (n <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(n);
        } else {
            frame.writeByte(127);
            frame.writeLong(n);
        }
        frame.writeBytes(payload);
        return frame;
    }
}
