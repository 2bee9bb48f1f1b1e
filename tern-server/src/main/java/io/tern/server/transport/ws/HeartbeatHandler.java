package io.tern.server.transport.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.tern.protocol.HeartbeatTimeout;

/**
 * Closes connections that stayed silent past the idle timeout. A WebSocket client is told so with
 * HEARTBEAT_TIMEOUT first; an idle plain HTTP connection is just closed.
 */
@Sharable
public final class HeartbeatHandler extends ChannelDuplexHandler {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        if (ctx.channel().attr(UpgradeState.UPGRADED).get() != null) {
            // from the tail, so the frame codec (after this handler) encodes it
            ctx.channel().writeAndFlush(new HeartbeatTimeout()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
