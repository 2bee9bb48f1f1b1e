package io.tern.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tern.server.core.TernMetrics;
import java.io.IOException;

/**
 * Bounds what a connection may have queued: a client that stops reading would otherwise make the server
 * buffer every push for it. Past the limit the connection is closed; the device gets its messages by
 * catch-up when it reconnects, so nothing is lost. Also reports the bytes queued on all connections.
 */
@Sharable
public final class SlowConsumerHandler extends ChannelDuplexHandler {
    private static final AttributeKey<Boolean> CLOSED_SLOW = AttributeKey.valueOf("tern.closedSlow");

    private final long maxOutboundBytes;
    private final TernMetrics metrics;
    private final ChannelGroup channels = new DefaultChannelGroup("tern-connections", GlobalEventExecutor.INSTANCE);

    public SlowConsumerHandler(long maxOutboundBytes, TernMetrics metrics) {
        this.maxOutboundBytes = maxOutboundBytes;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channels.add(ctx.channel());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer != null && !ctx.channel().isWritable() && buffer.totalPendingWriteBytes() > maxOutboundBytes) {
            ReferenceCountUtil.release(msg);
            // Counted before the promise fails: failing a void promise fires exceptionCaught, whose handler closes
            // the channel at once when the socket still takes the close frame.
            if (ctx.channel().attr(CLOSED_SLOW).setIfAbsent(Boolean.TRUE) == null) {
                metrics.slowConsumers.increment();
            }
            promise.tryFailure(new IOException("slow consumer: outbound buffer full"));
            ctx.close();
            return;
        }
        super.write(ctx, msg, promise);
    }

    /** Bytes written but not yet taken by the network, summed over all open connections. */
    public long pendingBytes() {
        long sum = 0;
        for (Channel c : channels) {
            ChannelOutboundBuffer buffer = c.unsafe().outboundBuffer();
            if (buffer != null) {
                sum += buffer.totalPendingWriteBytes();
            }
        }
        return sum;
    }
}
