package io.tern.server.transport.ws.handlers;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.Ping;
import io.tern.protocol.Pong;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ws.FrameHandler;

/** PING (40): answered with PONG (41). Reading it already reset the idle timer. */
public final class PingHandler implements FrameHandler<Ping> {
    @Override
    public Class<Ping> frameType() {
        return Ping.class;
    }

    /** Heartbeats are answered before login too: the server pings connections that are still logging in. */
    @Override
    public boolean requiresLogin() {
        return false;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, DeviceSession session, Ping frame) {
        ctx.writeAndFlush(new Pong(), ctx.voidPromise());
    }
}
