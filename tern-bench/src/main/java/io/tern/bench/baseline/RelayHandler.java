package io.tern.bench.baseline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One relay connection, known by the {@code id} of its URI ({@code /ws?id=7}). A CHAT to {@code toId}
 * gets a sequence number of the target connection (the conversation is one sender to one receiver, as in
 * p2p), is pushed to the target at once and answered to the sender with a CHAT_RESP-shaped frame; PING
 * is answered with PONG; everything else (ACKs) is read and dropped. No store, no auth, no retries.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] PONG = "{\"type\":41}".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<RelayFrame> FRAMES = ThreadLocal.withInitial(RelayFrame::new);
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    private final RelayDirectory directory;
    private final AtomicLong seq = new AtomicLong();
    private long id = -1;
    private Channel channel;

    RelayHandler(RelayDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hc) {
            List<String> ids = new QueryStringDecoder(hc.requestUri()).parameters().get("id");
            if (ids == null || ids.isEmpty()) {
                ctx.close();
                return;
            }
            id = Long.parseLong(ids.get(0));
            channel = ctx.channel();
            directory.register(id, this);
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof TextWebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            handle(ctx, frame.content());
        } finally {
            frame.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, ByteBuf content) throws Exception {
        int length = content.readableBytes();
        byte[] bytes = SCRATCH.get();
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
            SCRATCH.set(bytes);
        }
        content.getBytes(content.readerIndex(), bytes, 0, length);
        RelayFrame f = FRAMES.get();
        if (!f.read(bytes, 0, length)) {
            return;
        }
        if (f.type == 40) {
            ctx.write(new TextWebSocketFrame(ctx.alloc().buffer(PONG.length).writeBytes(PONG)), ctx.voidPromise());
        } else if (f.type == 80) {
            relay(ctx, f, bytes);
        }
    }

    private void relay(ChannelHandlerContext ctx, RelayFrame f, byte[] bytes) {
        RelayHandler target = directory.get(f.to);
        if (target == null || f.clientMsgId == null || f.contentStart < 0) {
            String error = "{\"type\":99,\"code\":1010,\"error\":\"NO_SUCH_USER\",\"refType\":80,\"clientMsgId\":\""
                    + (f.clientMsgId == null ? "" : f.clientMsgId) + "\"}";
            ctx.write(text(ctx, error), ctx.voidPromise());
            return;
        }
        long s = target.seq.incrementAndGet();
        String conversation = "r:" + f.to;
        long now = System.currentTimeMillis();
        ByteBuf push = ctx.alloc().buffer(length(f) + 128);
        ByteBufUtil.writeAscii(push, "{\"type\":80,\"msgId\":\"r" + f.to + "-" + s + "\",\"conversationId\":\""
                + conversation + "\",\"seq\":" + s + ",\"fromId\":" + id + ",\"toId\":" + f.to + ",\"ts\":" + now
                + ",\"clientMsgId\":\"" + f.clientMsgId + "\",\"content\":");
        push.writeBytes(bytes, f.contentStart, f.contentEnd - f.contentStart);
        push.writeByte('}');
        target.channel.writeAndFlush(new TextWebSocketFrame(push), target.channel.voidPromise());
        ctx.write(text(ctx, "{\"type\":81,\"clientMsgId\":\"" + f.clientMsgId + "\",\"msgId\":\"r" + f.to + "-" + s
                + "\",\"conversationId\":\"" + conversation + "\",\"seq\":" + s + ",\"ts\":" + now + "}"),
                ctx.voidPromise());
    }

    private static int length(RelayFrame f) {
        return f.contentEnd - f.contentStart;
    }

    private static TextWebSocketFrame text(ChannelHandlerContext ctx, String s) {
        ByteBuf buf = ctx.alloc().buffer(s.length());
        ByteBufUtil.writeAscii(buf, s);
        return new TextWebSocketFrame(buf);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (id >= 0) {
            directory.remove(id, this);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
