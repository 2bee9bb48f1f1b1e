package io.tern.server.transport.ws;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.Frame;
import java.util.function.Supplier;

/** Writes the answer to a frame whose work finished on another thread: the result, or the ERROR frame. */
public final class Replies {
    private Replies() {
    }

    public static void reply(ChannelHandlerContext ctx, Throwable err, String clientMsgId, int refType,
                             Supplier<? extends Frame> answer) {
        reply(ctx, err, clientMsgId, null, refType, answer);
    }

    /** As above, echoing the request id of a SYNC or PULL in the error. */
    public static void reply(ChannelHandlerContext ctx, Throwable err, String clientMsgId, String reqId, int refType,
                             Supplier<? extends Frame> answer) {
        Frame frame = err == null ? answer.get() : Errors.toFrame(err, clientMsgId, refType).withReqId(reqId);
        ctx.writeAndFlush(frame, ctx.voidPromise());
    }
}
