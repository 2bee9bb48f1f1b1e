package io.tern.server.transport.ws;

import io.netty.channel.ChannelHandlerContext;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.server.core.TernException;
import io.tern.server.core.TernMetrics;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the answer to a frame whose work may have finished on another thread: the result, or the ERROR
 * frame the failure maps to. Unexpected failures are logged and shown as INTERNAL; every error is counted.
 */
public final class Replies {
    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private final TernMetrics metrics;

    public Replies(TernMetrics metrics) {
        this.metrics = metrics;
    }

    public void reply(ChannelHandlerContext ctx, Throwable err, String clientMsgId, int refType,
                      Supplier<? extends Frame> answer) {
        reply(ctx, err, clientMsgId, null, refType, answer);
    }

    /** As above, echoing the request id of a SYNC or PULL in the error. */
    public void reply(ChannelHandlerContext ctx, Throwable err, String clientMsgId, String reqId, int refType,
                      Supplier<? extends Frame> answer) {
        Frame frame = err == null ? answer.get() : toFrame(err, clientMsgId, refType).withReqId(reqId);
        // always through the event loop's task queue: a reply whose work finished before the callback was
        // attached would otherwise be written at once, ahead of earlier replies still queued from other threads
        ctx.executor().execute(() -> ctx.writeAndFlush(frame, ctx.voidPromise()));
    }

    ErrorFrame toFrame(Throwable failure, String clientMsgId, int refType) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TernException te) {
            metrics.error(te.code());
            return ErrorFrame.of(te.code(), te.getMessage(), clientMsgId, refType);
        }
        log.warn("frame type {} failed", refType, cause);
        metrics.error(ErrorCode.INTERNAL);
        return ErrorFrame.of(ErrorCode.INTERNAL, "internal error", clientMsgId, refType);
    }

    /** Counts an error frame built elsewhere. */
    public ErrorFrame counted(ErrorFrame error) {
        metrics.error(ErrorCode.valueOf(error.error()));
        return error;
    }
}
