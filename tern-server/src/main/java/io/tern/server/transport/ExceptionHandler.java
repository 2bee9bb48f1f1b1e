package io.tern.server.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the pipeline: a connection that failed is closed. Peers that vanish (reset, broken pipe) are
 * routine for a chat server and logged at DEBUG; anything else is a WARN with its stack trace.
 */
@Sharable
public final class ExceptionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closeFailed(ctx, cause);
    }

    /**
     * What this handler does, for the handler that ends a WebSocket connection's pipeline once this one is removed
     * at the upgrade (one pipeline context less for every connection).
     */
    public static void closeFailed(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof DecoderException) {
            log.debug("connection from {} failed: {}", ClientAddressHandler.text(ctx), cause.toString());
        } else {
            log.warn("connection from {} failed", ClientAddressHandler.text(ctx), cause);
        }
        ctx.close();
    }
}
