package io.tern.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tern.protocol.HeartbeatTimeout;
import io.tern.protocol.Ping;
import io.tern.server.transport.http.ApiHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Heartbeat timing on the event loop's frozen ticker: no real time passes. */
class HeartbeatHandlerTest {
    private static final long PERIOD = 1_000;

    private static EmbeddedChannel channel(boolean upgraded) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        HeartbeatHandler heartbeat = new HeartbeatHandler(PERIOD);
        if (upgraded) {
            heartbeat.upgraded();
        }
        channel.pipeline().addLast(heartbeat);
        return channel;
    }

    private static void advance(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void silentWebSocket_isPingedAfterOnePeriod_andClosedAfterTwo() {
        EmbeddedChannel channel = channel(true);
        advance(channel, PERIOD - 1);
        assertThat((Object) channel.readOutbound()).isNull();
        advance(channel, 1);
        assertThat((Object) channel.readOutbound()).isInstanceOf(Ping.class);
        assertThat(channel.isOpen()).isTrue();
        advance(channel, PERIOD);
        assertThat((Object) channel.readOutbound()).isInstanceOf(HeartbeatTimeout.class);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aRead_startsThePeriodAgain_andMakesTheNextIdlePeriodAFirstOne() {
        EmbeddedChannel channel = channel(true);
        advance(channel, PERIOD);
        assertThat((Object) channel.readOutbound()).isInstanceOf(Ping.class);
        advance(channel, PERIOD / 2);
        channel.writeInbound("pong"); // any read: read and read-complete
        assertThat((Object) channel.readInbound()).isEqualTo("pong");
        advance(channel, PERIOD / 2 + PERIOD / 4); // the old timer fires: not idle since the read
        assertThat((Object) channel.readOutbound()).isNull();
        advance(channel, PERIOD / 4);
        assertThat((Object) channel.readOutbound()).isInstanceOf(Ping.class); // a first idle period again
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void idlePlainHttpConnection_isClosedWithoutPing_unlessARequestIsBeingAnswered() {
        EmbeddedChannel idle = channel(false);
        advance(idle, PERIOD);
        assertThat((Object) idle.readOutbound()).isNull();
        assertThat(idle.isOpen()).isFalse();

        EmbeddedChannel busy = channel(false);
        busy.attr(ApiHandler.BUSY).set(Boolean.TRUE);
        advance(busy, PERIOD * 3);
        assertThat(busy.isOpen()).isTrue();
        busy.finishAndReleaseAll();
    }
}
