package io.tern.server.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the open connections from one IP address. A connection over the cap is closed at once, before it
 * costs a handshake; its peers' connections are untouched.
 */
@Sharable
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    private final int maxPerAddress;
    private final Map<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    public ConnectionLimitHandler(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = addressOf(ctx);
        if (address != null) {
            int now = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            if (now > maxPerAddress) {
                ctx.close();
                return;
            }
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        InetAddress address = addressOf(ctx);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
        super.channelInactive(ctx);
    }

    private static InetAddress addressOf(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }
}
