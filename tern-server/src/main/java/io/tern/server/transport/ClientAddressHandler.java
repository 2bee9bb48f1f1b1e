package io.tern.server.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;
import io.tern.server.config.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Finds the address of the client behind each HTTP request (WebSocket handshakes included), for rate limits,
 * loopback checks and logs. Only a peer listed in {@code server.trustedProxies} may name it with
 * {@code Forwarded} or {@code X-Forwarded-For}; anyone else could forge those headers to dodge per-address
 * limits. Set per request, not per connection: a proxy reuses one upstream connection for many clients.
 */
@Sharable
public final class ClientAddressHandler extends ChannelInboundHandlerAdapter {
    /** The client address of the request being read; falls back to the peer when absent. */
    public static final AttributeKey<InetAddress> CLIENT = AttributeKey.valueOf("tern.clientAddress");

    private final ForwardedChain chain;

    public ClientAddressHandler(List<Cidr> trustedProxies) {
        this.chain = new ForwardedChain(trustedProxies);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            InetAddress peer = peer(ctx);
            ctx.channel().attr(CLIENT).set(peer == null ? null : chain.client(peer,
                    request.headers().getAll("Forwarded"), request.headers().getAll("X-Forwarded-For")));
        }
        ctx.fireChannelRead(msg);
    }

    private static InetAddress peer(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    /** The client's address for the request in hand: the forwarded one if a trusted proxy named it, else the peer. */
    public static InetAddress of(ChannelHandlerContext ctx) {
        InetAddress client = ctx.channel().attr(CLIENT).get();
        return client != null ? client : peer(ctx);
    }

    /** As {@link #of} in text, {@code unknown} without an address (an embedded channel). */
    public static String text(ChannelHandlerContext ctx) {
        InetAddress client = of(ctx);
        return client == null ? "unknown" : client.getHostAddress();
    }
}
