package io.tern.bench.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.tern.bench.wire.ClientFrames;
import java.util.concurrent.CompletableFuture;

/**
 * The end of a load connection's pipeline: completes the open future on the handshake, hands text frames
 * and read-burst ends to the {@link FrameSink}, and sends a protocol PING when the connection has written
 * nothing for a while, so the server's idle timeout never closes a quiet connection.
 */
final class WsClientHandler extends ChannelInboundHandlerAdapter {
    private final FrameSink sink;
    private final CompletableFuture<Channel> opened;

    WsClientHandler(FrameSink sink, CompletableFuture<Channel> opened) {
        this.sink = sink;
        this.opened = opened;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            sink.onOpen(ctx.channel());
            opened.complete(ctx.channel());
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            opened.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
            ctx.close();
        } else if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
            if (opened.isDone()) {
                ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(ClientFrames.PING)), ctx.voidPromise());
            }
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame frame && opened.isDone()) {
                sink.onText(frame.content());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (opened.isDone()) {
            sink.onReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!opened.isDone()) {
            opened.completeExceptionally(new IllegalStateException("connection closed during the WebSocket handshake"));
        } else if (!opened.isCompletedExceptionally()) {
            sink.onClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!opened.isDone()) {
            opened.completeExceptionally(cause);
        }
        ctx.close();
    }
}
