package io.tern.bench.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The transport of the bench's clients and of the bare relay: Netty's native epoll where it loads, else NIO — the
 * same choice as the server's default ({@code server.transport=AUTO}), so Tern and the relay are compared on the
 * same footing and the generator spends as little CPU per frame as it can.
 */
public record BenchTransport(String name, IoHandlerFactory ioHandlers, Class<? extends SocketChannel> socketChannel,
                             Class<? extends ServerChannel> serverChannel) {

    public static BenchTransport best() {
        return Epoll.isAvailable()
                ? new BenchTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class, EpollServerSocketChannel.class)
                : new BenchTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class, NioServerSocketChannel.class);
    }
}
