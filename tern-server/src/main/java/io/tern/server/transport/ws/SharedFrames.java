package io.tern.server.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Server-to-client WebSocket text frames, built once per payload and shared by every connection of an event loop
 * that writes the same payload next. A group's fan-out writes one message to hundreds of connections in a row, and
 * a frame from the server is not masked, so its bytes are the same for every recipient: one buffer holds the
 * header and the payload, and each connection writes a duplicate of it, past the WebSocket encoder, instead of the
 * encoder building and copying a frame per connection. The protocol handler above the encoder still refuses
 * anything after a close frame, raw buffers included.
 *
 * <p>The shared buffer is read-only, so a handler further down that coalesces writes (the TLS handler does) copies
 * instead of appending into memory the other connections read. One entry per event-loop thread: the last payload
 * framed there. A payload is an encoded frame the domain
 * never changes, compared by identity; the entry holds it, so the same array cannot come back with other bytes.
 */
final class SharedFrames {
    private static final int TEXT_FINAL = 0x81;

    private static final class Entry {
        byte[] payload;
        ByteBuf frame;
    }

    private final FastThreadLocal<Entry> last = new FastThreadLocal<>() {
        @Override
        protected Entry initialValue() {
            return new Entry();
        }

        @Override
        protected void onRemoval(Entry e) {
            if (e.frame != null) {
                e.frame.release();
                e.frame = null;
            }
        }
    };

    /**
     * The complete frame of {@code payload}, to write as it is; the caller owns the returned reference. Call on
     * the event loop of the channel it is written to.
     */
    ByteBuf frameOf(byte[] payload, ByteBufAllocator alloc) {
        Entry e = last.get();
        if (e.payload != payload) {
            // read-only: a handler that coalesces writes (TLS does) must copy, never write into the shared memory
            ByteBuf frame = encode(payload, alloc).asReadOnly();
            if (e.frame != null) {
                e.frame.release();
            }
            e.payload = payload;
            e.frame = frame;
        }
        return e.frame.retainedDuplicate();
    }

    /** RFC 6455 section 5.2: FIN and the text opcode, then the length in 7, 16 or 64 bits, no mask, the payload. */
    static ByteBuf encode(byte[] payload, ByteBufAllocator alloc) {
        int n = payload.length;
        ByteBuf frame = alloc.buffer((n <= 125 ? 2 : n <= 0xFFFF ? 4 : 10) + n);
        frame.writeByte(TEXT_FINAL);
        if (n <= 125) {
            frame.writeByte(n);
        } else if (n <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(n);
        } else {
            frame.writeByte(127);
            frame.writeLong(n);
        }
        return frame.writeBytes(payload);
    }
}
