package io.tern.server.transport.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.tern.protocol.ErrorCode;

/**
 * Answers a request that Netty could not decode (an oversized header or request line, an invalid header
 * name, a broken chunk) with 400, 414 or 431 and closes the connection. Without it, the half-parsed request
 * would be routed as if it were valid.
 */
@Sharable
public final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest request) || request.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        DecoderResult result = request.decoderResult();
        ReferenceCountUtil.release(msg);
        HttpResponseStatus status = HttpResponseStatus.BAD_REQUEST;
        String reason = "malformed HTTP request";
        if (result.cause() instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            reason = "request headers are too large";
        } else if (result.cause() instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
            reason = "request line is too long";
        }
        HttpResponses.sendError(ctx, false, status, ErrorCode.MALFORMED_REQUEST, reason);
    }
}
