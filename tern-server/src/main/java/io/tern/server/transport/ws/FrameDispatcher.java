package io.tern.server.transport.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.transport.ChannelAttrs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands each decoded frame to the one handler registered for its type. Before login, anything but
 * USER_LOGIN is answered with NOT_LOGGED_IN and the connection is closed.
 */
@Sharable
public final class FrameDispatcher extends SimpleChannelInboundHandler<Frame> {
    private final Map<Class<?>, FrameHandler<?>> handlers = new HashMap<>();
    private final Replies replies;

    public FrameDispatcher(List<FrameHandler<?>> handlers, Replies replies) {
        this.replies = replies;
        for (FrameHandler<?> h : handlers) {
            if (this.handlers.put(h.frameType(), h) != null) {
                throw new IllegalArgumentException("two handlers for " + h.frameType().getSimpleName());
            }
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        FrameHandler<?> handler = handlers.get(frame.getClass());
        if (handler == null) {
            ctx.writeAndFlush(replies.counted(ErrorFrame.of(ErrorCode.UNKNOWN_TYPE,
                    "frame type " + frame.type() + " is not accepted", null, frame.type())), ctx.voidPromise());
            return;
        }
        DeviceSession session = ctx.channel().attr(ChannelAttrs.SESSION).get();
        if (handler.requiresLogin() && session == null) {
            ctx.writeAndFlush(replies.counted(ErrorFrame.of(ErrorCode.NOT_LOGGED_IN, "send USER_LOGIN first", null,
                    frame.type()))).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        dispatch(handler, ctx, session, frame);
    }

    /** The end of a WebSocket connection's pipeline (the HTTP one's exception handler is gone by then). */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        io.tern.server.transport.ExceptionHandler.closeFailed(ctx, cause);
    }

    @SuppressWarnings("unchecked")
    private static <F extends Frame> void dispatch(FrameHandler<F> handler, ChannelHandlerContext ctx,
                                                   DeviceSession session, Frame frame) {
        handler.handle(ctx, session, (F) frame);
    }
}
