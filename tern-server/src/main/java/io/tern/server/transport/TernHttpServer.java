package io.tern.server.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.tern.server.config.TernConfig;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Binds the HTTP/WebSocket port and owns the event loops. */
public final class TernHttpServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final String transport;

    public TernHttpServer(TernConfig.Server config, TernInitializer initializer) throws InterruptedException {
        NettyTransport chosen = NettyTransport.choose(config.transport());
        this.transport = chosen.name();
        this.boss = new MultiThreadIoEventLoopGroup(1, chosen.ioHandlers());
        this.workers = new MultiThreadIoEventLoopGroup(config.ioThreads(), chosen.ioHandlers());
        try {
            this.channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(chosen.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // one sizing policy for all connections (each still keeps its own guess): 32 bytes less each;
                    // 16 reads per wake-up, what Netty gives a stream channel's own allocator (this one starts at 1)
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(16))
                    .childHandler(initializer)
                    .bind(config.host(), config.port()).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The transport in use: {@code epoll} or {@code nio}. */
    public String transport() {
        return transport;
    }

    /** Stops accepting connections; open ones stay until {@link #close()}. */
    public void stopAccepting() {
        channel.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
