package io.tern.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a connection keeps once its WebSocket handshake completed. */
class SessionHandlerTest {
    @Sharable
    private static final class Named extends ChannelInboundHandlerAdapter {
    }

    @Test
    void handshakeComplete_removesTheHttpOnlyHandlers_andKeepsTheRest() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Named handler = new Named();
        for (String name : new String[] {"slowConsumers", "flushes", "securityHeaders", "mediaUpload", "aggregator",
                "malformed", "clientAddress", "heartbeat", "wsAuth", "frames", "dispatch", "ops", "chunked",
                "mediaDownload", "api", "static", "exceptions"}) {
            channel.pipeline().addLast(name, handler);
        }
        // no principal yet: the handler only arms the login timeout, the opener is not used
        channel.pipeline().addBefore("dispatch", "session", new SessionHandler(null, Duration.ofSeconds(5)));

        channel.pipeline().fireUserEventTriggered(new HandshakeComplete("/ws", new DefaultHttpHeaders(), null));

        assertThat(channel.pipeline().names()).containsSubsequence("slowConsumers", "flushes", "heartbeat",
                "frames", "session", "dispatch").doesNotContain("securityHeaders", "mediaUpload",
                "aggregator", "malformed", "clientAddress", "wsAuth", "ops", "chunked", "mediaDownload", "api", "static",
                "exceptions");
        channel.finishAndReleaseAll();
    }
}
