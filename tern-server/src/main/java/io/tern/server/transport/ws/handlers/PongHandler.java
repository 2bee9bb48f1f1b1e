package io.tern.server.transport.ws.handlers;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.Pong;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ws.FrameHandler;

/** PONG (41): nothing to do; receiving it reset the idle timer. */
public final class PongHandler implements FrameHandler<Pong> {
    @Override
    public Class<Pong> frameType() {
        return Pong.class;
    }

    /** Heartbeats are answered before login too: the server pings connections that are still logging in. */
    @Override
    public boolean requiresLogin() {
        return false;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, DeviceSession session, Pong frame) {
        // the read itself is the heartbeat
    }
}
