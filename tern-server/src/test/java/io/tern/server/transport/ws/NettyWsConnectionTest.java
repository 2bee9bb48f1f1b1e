package io.tern.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.tern.server.core.TernMetrics;
import io.tern.server.transport.SlowConsumerHandler;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Pushes written without a flush (one flush per session at the end of a delivery pass) must not make a client
 * that reads fine look like one that stopped reading: unflushed bytes count as queued in Netty.
 */
class NettyWsConnectionTest {
    private static final int CAP = 256 * 1024;

    @Test
    void unflushedBatchLargerThanTheLimit_toAClientThatReads_isNotClosedAsSlowConsumer() {
        TernMetrics metrics = new TernMetrics(new SimpleMeterRegistry());
        EmbeddedChannel channel = new EmbeddedChannel(new SlowConsumerHandler(CAP, metrics));
        NettyWsConnection connection = new NettyWsConnection(channel);
        byte[] push = "x".repeat(30_000).getBytes(StandardCharsets.UTF_8);

        for (int i = 0; i < 20; i++) { // 600 KB in one pass, more than twice the limit
            connection.write(push);
        }
        connection.flush();

        assertThat(channel.isOpen()).isTrue();
        assertThat(metrics.slowConsumers.count()).isZero();
        int frames = 0;
        for (Object out; (out = channel.readOutbound()) != null; frames++) {
            assertThat(out).isInstanceOf(TextWebSocketFrame.class);
            ReferenceCountUtil.release(out);
        }
        assertThat(frames).isEqualTo(20);
        channel.finishAndReleaseAll();
    }
}
