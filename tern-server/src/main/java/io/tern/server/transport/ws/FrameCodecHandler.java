package io.tern.server.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.protocol.FrameCodec;
import io.tern.protocol.FrameDecodeException;
import io.tern.server.transport.ChannelAttrs;
import java.util.List;

/**
 * Text frames to {@link Frame} records and back. A frame that cannot be decoded, is binary, or is larger
 * than the limit is answered with an ERROR frame; the connection stays open.
 */
@Sharable
public final class FrameCodecHandler extends MessageToMessageCodec<WebSocketFrame, Frame> {
    private final FrameCodec codec;
    private final int maxFrameBytes;
    private final Replies replies;

    public FrameCodecHandler(FrameCodec codec, int maxFrameBytes, Replies replies) {
        this.codec = codec;
        this.maxFrameBytes = maxFrameBytes;
        this.replies = replies;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        out.add(new TextWebSocketFrame(Unpooled.wrappedBuffer(codec.encode(frame))));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame) {
            reject(ctx, ErrorCode.BAD_FRAME, "binary frames are not accepted; send JSON text frames");
            return;
        }
        if (!(frame instanceof TextWebSocketFrame)) {
            out.add(frame.retain()); // ping/pong/close are handled by Netty's protocol handler
            return;
        }
        ByteBuf content = frame.content();
        if (content.readableBytes() > maxFrameBytes) {
            reject(ctx, ErrorCode.FRAME_TOO_LARGE, "frame is larger than " + maxFrameBytes + " bytes");
            return;
        }
        try {
            out.add(codec.decode(ByteBufUtil.getBytes(content)));
        } catch (FrameDecodeException e) {
            reply(ctx, e.toErrorFrame());
        }
    }

    private void reject(ChannelHandlerContext ctx, ErrorCode code, String message) {
        reply(ctx, ErrorFrame.of(code, message, null, null));
    }

    /**
     * Written already encoded: a write from this context would skip this handler's own encoder. Before login,
     * anything but a valid USER_LOGIN ends the connection.
     */
    private void reply(ChannelHandlerContext ctx, ErrorFrame error) {
        ChannelFuture written = ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(
                codec.encode(replies.counted(error)))));
        if (ctx.channel().attr(ChannelAttrs.SESSION).get() == null) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
