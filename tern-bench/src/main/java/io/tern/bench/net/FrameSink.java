package io.tern.bench.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/** What a connection does with its traffic; called on the connection's event-loop thread only. */
public interface FrameSink {
    /** The WebSocket handshake completed. */
    void onOpen(Channel channel);

    /** One text frame; the buffer is released after the call returns. */
    void onText(ByteBuf content);

    /** The end of one read burst: the moment to write batched ACKs and flush. */
    void onReadComplete();

    /** The connection closed after it had opened. */
    void onClosed();
}
