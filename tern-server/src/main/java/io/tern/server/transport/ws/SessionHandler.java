package io.tern.server.transport.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.ErrorFrame;
import io.tern.server.core.account.Principal;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ChannelAttrs;
import io.tern.server.transport.TernInitializer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Opens the session when the handshake completes (token given at the handshake), or else gives the client
 * the login timeout to send USER_LOGIN; closes the session when the channel goes away. Keeps no state of its
 * own (the session is a channel attribute), so one serves every channel.
 */
@Sharable
public final class SessionHandler extends ChannelInboundHandlerAdapter {
    private final SessionOpener opener;
    private final Duration loginTimeout;

    public SessionHandler(SessionOpener opener, Duration loginTimeout) {
        this.opener = opener;
        this.loginTimeout = loginTimeout;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof HandshakeComplete)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        HeartbeatHandler heartbeat = ctx.pipeline().get(HeartbeatHandler.class);
        if (heartbeat != null) {
            heartbeat.upgraded();
        }
        TernInitializer.retireHttp(ctx.pipeline());
        // taken off the channel: the session holds it from now on, and an attribute costs every connection ~30 bytes
        @SuppressWarnings("deprecation") // getAndSet(null) would keep the attribute; only this thread touches it
        Principal principal = ctx.channel().hasAttr(ChannelAttrs.PRINCIPAL)
                ? ctx.channel().attr(ChannelAttrs.PRINCIPAL).getAndRemove() : null;
        if (principal != null) {
            opener.open(ctx.channel(), principal);
        } else {
            ctx.executor().schedule(() -> {
                if (ctx.channel().attr(ChannelAttrs.SESSION).get() == null && ctx.channel().isActive()) {
                    ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NOT_LOGGED_IN,
                            "no USER_LOGIN within " + loginTimeout.toMillis() + " ms", null, null))
                            .addListener(ChannelFutureListener.CLOSE);
                }
            }, loginTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        DeviceSession session = ctx.channel().attr(ChannelAttrs.SESSION).getAndSet(null);
        if (session != null) {
            opener.close(session);
        }
        super.channelInactive(ctx);
    }
}
