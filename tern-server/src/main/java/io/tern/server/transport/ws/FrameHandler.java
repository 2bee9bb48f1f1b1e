package io.tern.server.transport.ws;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.Frame;
import io.tern.server.core.session.DeviceSession;

/** Handles one client frame type. Runs on the connection's event loop: it must not block. */
public interface FrameHandler<F extends Frame> {
    Class<F> frameType();

    /** Whether the frame needs a logged-in session; only USER_LOGIN does not. */
    default boolean requiresLogin() {
        return true;
    }

    /** {@code session} is null only for handlers that do not require login. */
    void handle(ChannelHandlerContext ctx, DeviceSession session, F frame);
}
