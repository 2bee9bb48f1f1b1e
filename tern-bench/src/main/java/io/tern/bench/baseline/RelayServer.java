package io.tern.bench.baseline;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.tern.bench.net.BenchTransport;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The bare relay, on a given address or a free loopback port. Its event loops are sized like Tern's default
 * ({@code server.ioThreads=0}: Netty's two per core), with the same socket options and transport ({@link BenchTransport}), so the comparison
 * differs only in what the servers do per message.
 */
public final class RelayServer implements AutoCloseable {
    private final BenchTransport transport = BenchTransport.best();
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, transport.ioHandlers());
    private final Channel channel;

    private RelayServer(String host, int port) throws InterruptedException {
        RelayDirectory directory = new RelayDirectory();
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder().websocketPath("/ws")
                .checkStartsWith(true).maxFramePayloadLength(1 << 20).build();
        channel = new ServerBootstrap().group(boss, workers).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536),
                                new WebSocketServerProtocolHandler(ws), new WebSocketFrameAggregator(1 << 20),
                                new RelayHandler(directory));
                    }
                })
                .bind(host, port).sync().channel();
    }

    /** On a free loopback port (the in-process baseline). */
    public static RelayServer start() throws InterruptedException {
        return new RelayServer("127.0.0.1", 0);
    }

    /** On {@code host:port} ({@code port} 0: a free one), as the {@code relay} command runs it. */
    public static RelayServer start(String host, int port) throws InterruptedException {
        return new RelayServer(host, port);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String host() {
        return ((InetSocketAddress) channel.localAddress()).getAddress().getHostAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
