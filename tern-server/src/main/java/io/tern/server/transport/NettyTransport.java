package io.tern.server.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.tern.server.config.TernConfig;

/**
 * The event loops' way to the kernel, chosen by {@code server.transport}. Netty's native epoll holds a connection
 * without the JDK's socket objects (about 600 bytes less each) and reads and writes with fewer system calls;
 * NIO runs anywhere. AUTO takes epoll where its native library loads.
 */
record NettyTransport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel) {

    static NettyTransport choose(TernConfig.Transport wanted) {
        return switch (wanted) {
            case NIO -> nio();
            case EPOLL -> epoll(); // StartupChecks refused it already where it cannot load
            case AUTO -> Epoll.isAvailable() ? epoll() : nio();
        };
    }

    private static NettyTransport epoll() {
        return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }

    private static NettyTransport nio() {
        return new NettyTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}
