package io.tern.bench.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Opens WebSocket connections for the load. All connections share one NIO event-loop group of
 * {@value #THREADS} threads: on a 2-core machine that also runs the server, more client threads only
 * take CPU from it. TCP_NODELAY, because the bench measures latency of small frames.
 */
public final class WsClient implements AutoCloseable {
    public static final int THREADS = 2;
    /** A connection that has written nothing this long sends PING (the server's idle timeout is 30 s). */
    public static final int PING_AFTER_SECONDS = 10;
    private static final int MAX_FRAME = 1 << 20;

    private final BenchTransport transport = BenchTransport.best();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(THREADS, transport.ioHandlers());
    private final Bootstrap bootstrap;
    private final SourceAddresses sources;
    private final ConcurrentHashMap<String, InetAddress> resolved = new ConcurrentHashMap<>();

    public WsClient(SourceAddresses sources) {
        this.sources = sources;
        this.bootstrap = new Bootstrap().group(group).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    /** Connects to a {@code ws://} URI; completes with the channel once the handshake is done. */
    public CompletableFuture<Channel> connect(URI wsUri, FrameSink sink) {
        CompletableFuture<Channel> opened = new CompletableFuture<>();
        InetSocketAddress remote;
        try {
            remote = new InetSocketAddress(address(wsUri.getHost()), wsUri.getPort() < 0 ? 80 : wsUri.getPort());
        } catch (UnknownHostException e) {
            opened.completeExceptionally(e);
            return opened;
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(wsUri)
                .maxFramePayloadLength(MAX_FRAME)
                .handshakeTimeoutMillis(10_000)
                .dropPongFrames(true)
                .build();
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChannelPipeline p = ch.pipeline();
                p.addLast(new HttpClientCodec());
                p.addLast(new HttpObjectAggregator(65_536));
                p.addLast(new WebSocketClientProtocolHandler(config));
                p.addLast(new WebSocketFrameAggregator(MAX_FRAME));
                p.addLast(new IdleStateHandler(0, PING_AFTER_SECONDS, 0, TimeUnit.SECONDS));
                p.addLast(new WsClientHandler(sink, opened));
            }
        });
        InetSocketAddress local = sources.next();
        ChannelFuture cf = local == null ? b.connect(remote) : b.connect(remote, local);
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    private InetAddress address(String host) throws UnknownHostException {
        InetAddress a = resolved.get(host);
        if (a == null) {
            a = InetAddress.getByName(host);
            resolved.put(host, a);
        }
        return a;
    }

    /** Closes every connection and stops the event loops; afterwards all their writes are visible. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
