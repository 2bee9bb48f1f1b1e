package io.tern.server.transport.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.tern.protocol.Frame;
import io.tern.protocol.Kick;
import io.tern.server.core.session.Connection;
import java.util.concurrent.ScheduledExecutorService;

/** A WebSocket channel as the domain's {@link Connection}. */
final class NettyWsConnection implements Connection {
    private final Channel channel;
    private final SharedFrames shared;

    NettyWsConnection(Channel channel, SharedFrames shared) {
        this.channel = channel;
        this.shared = shared;
    }

    @Override
    public void send(Frame frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    @Override
    public void sendEncoded(byte[] frame) {
        channel.writeAndFlush(wireFrame(frame), channel.voidPromise());
    }

    @Override
    public void write(byte[] frame) {
        channel.write(wireFrame(frame), channel.voidPromise());
        if (!channel.isWritable()) {
            // Past the high-water mark, hand what is queued to the socket now: unflushed bytes count as queued, and
            // a large batch for a client that reads fine would otherwise look like one that stopped reading. Flushed
            // from the consolidation handler's place, which outside a read would only schedule the flush for later.
            ChannelHandlerContext consolidation = channel.pipeline().context(FlushConsolidationHandler.class);
            if (consolidation != null) {
                consolidation.flush();
            } else {
                channel.flush();
            }
        }
    }

    /** On the channel's event loop the frame shared with the loop's other connections; elsewhere one of its own. */
    private Object wireFrame(byte[] frame) {
        if (channel.eventLoop().inEventLoop()) {
            return shared.frameOf(frame, channel.alloc());
        }
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(frame));
    }

    @Override
    public boolean backlogged() {
        io.netty.channel.ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        return pending != null && pending.totalPendingWriteBytes() > 0;
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void refuse(io.tern.server.core.TernException refusal) {
        if (channel.isActive()) {
            channel.writeAndFlush(io.tern.protocol.ErrorFrame.of(refusal.code(), refusal.getMessage(), null, null))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void kick(String reason) {
        if (channel.isActive()) {
            channel.writeAndFlush(new Kick(reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public ScheduledExecutorService executor() {
        return channel.eventLoop();
    }
}
