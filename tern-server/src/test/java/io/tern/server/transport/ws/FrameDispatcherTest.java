package io.tern.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher ends an upgraded connection's pipeline, so it is where a failed connection gets closed. */
class FrameDispatcherTest {

    @Test
    void aFailureReachingTheDispatcher_closesTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDispatcher(List.of(), new Replies(null)));
        channel.pipeline().fireExceptionCaught(new IOException("connection reset by peer"));
        assertThat(channel.isOpen()).isFalse();
        channel.checkException(); // handled: nothing left over for the end of the pipeline
    }
}
