package io.tern.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.tern.server.core.TernMetrics;
import io.tern.server.transport.SlowConsumerHandler;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pushes written without a flush (one flush per session at the end of a delivery pass) must not make a client
 * that reads fine look like one that stopped reading: Netty counts unflushed bytes as queued. On a real socket,
 * with the handlers of the WebSocket pipeline that matter here, in their order.
 */
class NettyWsConnectionTest {
    private static final int CAP = 256 * 1024;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void passLargerThanTheLimit_toAClientWhoseSocketHasRoom_isNotClosedAsSlowConsumer() throws Exception {
        TernMetrics metrics = new TernMetrics(new SimpleMeterRegistry());
        SlowConsumerHandler slowConsumers = new SlowConsumerHandler(CAP, metrics);
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        // as in TernInitializer; outside a read the consolidation handler only schedules a flush
                        ctx.pipeline().addLast(slowConsumers, new FlushConsolidationHandler(256, true),
                                new WebSocket13FrameEncoder(false));
                        ctx.pipeline().remove(this);
                        accepted.complete(ctx.channel());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(1 << 20); // room for the whole pass in the kernel, read or not
            client.connect(server.localAddress());
            Channel channel = accepted.get(10, TimeUnit.SECONDS);
            NettyWsConnection connection = new NettyWsConnection(channel, new SharedFrames());
            byte[] push = "x".repeat(30_000).getBytes(StandardCharsets.UTF_8);

            channel.eventLoop().submit(() -> { // one delivery pass: ten pushes, 300 KB, then the flush
                for (int i = 0; i < 10; i++) {
                    connection.write(push);
                }
                connection.flush();
            }).get(10, TimeUnit.SECONDS);

            assertThat(metrics.slowConsumers.count()).isZero();
            assertThat(channel.isOpen()).isTrue();
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            long expected = 10L * (4 + push.length); // a 4-byte frame header each
            long read = 0;
            byte[] buffer = new byte[64 * 1024];
            while (read < expected) {
                int n = in.read(buffer);
                assertThat(n).as("bytes after %d", read).isPositive();
                read += n;
            }
            assertThat(read).isEqualTo(expected);
        } finally {
            server.close().sync();
        }
    }
}
