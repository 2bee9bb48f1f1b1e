package io.tern.server.transport.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.FrameCodec;
import java.util.Map;

/** Writing JSON responses and reading bearer tokens. */
public final class HttpResponses {
    private HttpResponses() {
    }

    public static void sendJson(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, Object body) {
        byte[] bytes;
        try {
            bytes = FrameCodec.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
        send(ctx, keepAlive, status, bytes, "application/json; charset=utf-8");
    }

    public static void sendError(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                                 ErrorCode code, String message) {
        sendError(ctx, keepAlive, status, code, message, 0);
    }

    /** An error; with {@code retryAfterMillis} above 0 a {@code Retry-After} header (whole seconds, rounded up). */
    public static void sendError(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                                 ErrorCode code, String message, long retryAfterMillis) {
        byte[] body;
        try {
            body = FrameCodec.mapper().writeValueAsBytes(Map.of("error", Map.of("code", code.name(), "message", message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String retryAfter = retryAfterMillis > 0 ? String.valueOf((retryAfterMillis + 999) / 1000) : null;
        send(ctx, keepAlive, status, body, "application/json; charset=utf-8", retryAfter);
    }

    /** {@code 405 METHOD_NOT_ALLOWED} with the {@code Allow} header a client needs to correct itself (RFC 9110). */
    public static void sendMethodNotAllowed(ChannelHandlerContext ctx, boolean keepAlive, String method, String path,
                                            java.util.Collection<String> allow) {
        String methods = String.join(", ", allow);
        byte[] body;
        try {
            body = FrameCodec.mapper().writeValueAsBytes(Map.of("error", Map.of("code",
                    ErrorCode.METHOD_NOT_ALLOWED.name(), "message", method + " is not allowed on " + path
                            + "; allowed: " + methods)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.METHOD_NOT_ALLOWED, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set(HttpHeaderNames.ALLOW, methods);
        write(ctx, keepAlive, response);
    }

    public static void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, byte[] body,
                            String contentType) {
        send(ctx, keepAlive, status, body, contentType, null);
    }

    /** The headers of a GET answer without its body, for {@code HEAD}. */
    public static void sendHead(ChannelHandlerContext ctx, boolean keepAlive, int length, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        write(ctx, keepAlive, response);
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, byte[] body,
                             String contentType, String retryAfter) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (retryAfter != null) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter);
        }
        write(ctx, keepAlive, response);
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    public static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
