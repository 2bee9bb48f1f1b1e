package io.tern.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a load connection answers server frames that are not pushes or answers to its sends. */
class PeerFramesTest {
    private final Counters counters = new Counters();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Peer peer = new Peer(counters);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void receive(String json) {
        ByteBuf text = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        try {
            peer.onText(text);
        } finally {
            text.release();
        }
    }

    @Test
    void syncHint_isCountedSoTheReportCanSayWhyMessagesLookMissing() {
        peer.onOpen(channel);

        receive("{\"type\":104}");
        receive("{\"type\":104}");

        assertThat(counters.syncHints.sum()).isEqualTo(2);
        assertThat(counters.badFrames.sum()).isZero();
    }

    @Test
    void ping_isAnsweredWithPong_andCountsNoHint() {
        peer.onOpen(channel);

        receive("{\"type\":40}");
        peer.onReadComplete();

        TextWebSocketFrame pong = channel.readOutbound();
        assertThat(pong).isNotNull();
        try {
            assertThat(pong.text()).contains("\"type\":41");
        } finally {
            pong.release();
        }
        assertThat(counters.syncHints.sum()).isZero();
    }
}
