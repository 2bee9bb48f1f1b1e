package io.tern.server.transport.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.tern.protocol.HeartbeatTimeout;
import io.tern.protocol.Ping;

/**
 * Heartbeats. The idle handler fires after half the idle timeout without a read: a WebSocket client is sent
 * a PING then (a client whose own timer is throttled, like a background browser tab, still answers it). A
 * second idle period without a read means the connection is dead: HEARTBEAT_TIMEOUT, then close. An idle
 * plain HTTP connection is just closed.
 */
@Sharable
public final class HeartbeatHandler extends ChannelDuplexHandler {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof IdleStateEvent idle)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        if (ctx.channel().attr(UpgradeState.UPGRADED).get() == null) {
            if (ctx.channel().attr(io.tern.server.transport.http.ApiHandler.BUSY).get() == null) {
                ctx.close();
            }
        } else if (idle.isFirst()) {
            // from the tail, so the frame codec (after this handler) encodes it
            ctx.channel().writeAndFlush(new Ping(), ctx.voidPromise());
        } else {
            ctx.channel().writeAndFlush(new HeartbeatTimeout()).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
