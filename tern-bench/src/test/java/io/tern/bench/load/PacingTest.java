package io.tern.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tern.bench.wire.ChatTemplate;
import io.tern.bench.wire.MessageBody;
import io.tern.bench.wire.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The open loop's pacing, driven with explicit tick times on embedded channels: a tick writes every
 * message due on a connection with one flush, a late tick writes the backlog as a burst, and every
 * latency counts from the message's intended send time, not from when the tick got round to it.
 */
class PacingTest {
    private static final String TAG = "tsttag";
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunWindow window = new RunWindow();
    private final Counters counters = new Counters();
    private final LatencyStats accept = new LatencyStats();
    private final List<Conn> conns = new ArrayList<>();

    /** One embedded connection that counts flushes. */
    private static final class Conn {
        int flushes;
        final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes++;
                ctx.flush();
            }
        });
        final Peer peer;

        Conn(Counters counters) {
            peer = new Peer(counters);
            peer.onOpen(channel);
        }

        /** The bodies written since the last call, in order. */
        List<MessageBody> written() throws Exception {
            List<MessageBody> out = new ArrayList<>();
            TextWebSocketFrame f;
            while ((f = channel.readOutbound()) != null) {
                JsonNode chat = JSON.readTree(f.text());
                f.release();
                MessageBody b = new MessageBody();
                assertThat(b.parse(chat.path("content").path("body").asText(), TAG)).isTrue();
                out.add(b);
            }
            return out;
        }
    }

    @BeforeEach
    void fixTimeline() {
        window.begin(System.nanoTime(), Duration.ZERO, Duration.ofMinutes(1));
    }

    private Sender sender(int index, double ratePerSecond) {
        Conn c = new Conn(counters);
        conns.add(c);
        Sender s = new Sender(index, c.peer, ChatTemplate.toUser(99), new SendLedger(), LoadMode.open(ratePerSecond),
                ratePerSecond, window, counters, accept, TAG);
        s.start(0);
        return s;
    }

    @Test
    void oneTickWritesEveryDueMessageOfAConnectionWithOneFlush() throws Exception {
        Sender a = sender(0, 4000); // one message every 250 µs
        Sender b = sender(1, 1000); // one every millisecond
        Pacer pacer = new Pacer(conns.get(0).channel.eventLoop(), List.of(a, b), window.start());
        long t0 = window.start();

        assertThat(pacer.tick(t0 + MS)).isTrue();

        // due by 1 ms: a at 0, 250, 500, 750, 1000 µs; b at 0 and 1000 µs
        assertThat(conns.get(0).written()).hasSize(5);
        assertThat(conns.get(1).written()).hasSize(2);
        assertThat(conns.get(0).flushes).isEqualTo(1);
        assertThat(conns.get(1).flushes).isEqualTo(1);
        assertThat(counters.sent.sum()).isEqualTo(7);

        // nothing due yet: no write, no flush
        pacer.tick(t0 + MS + 100 * US);
        assertThat(conns.get(0).written()).isEmpty();
        assertThat(conns.get(0).flushes).isEqualTo(1);
    }

    @Test
    void aLateTickSendsTheBacklogStampedWithTheIntendedTimes() throws Exception {
        Sender a = sender(0, 4000);
        Pacer pacer = new Pacer(conns.get(0).channel.eventLoop(), List.of(a), window.start());
        long t0 = window.start();

        pacer.tick(t0 + 5 * MS); // the clock was 5 ms late

        List<MessageBody> burst = conns.get(0).written();
        assertThat(burst).hasSize(21); // 0, 250 µs, ..., 5000 µs
        assertThat(conns.get(0).flushes).isEqualTo(1);
        for (int k = 0; k < burst.size(); k++) {
            assertThat(burst.get(k).msg).isEqualTo(k);
            assertThat(burst.get(k).intendedMicros).isEqualTo(window.micros(t0 + k * 250 * US));
            assertThat(burst.get(k).sentMicros).isEqualTo(window.micros(t0 + 5 * MS));
        }
    }

    @Test
    void aGeneratorThatFellBehindStillSendsEveryMessageMeantForTheWindowAfterItEnds() throws Exception {
        RunWindow shortWindow = new RunWindow();
        shortWindow.begin(System.nanoTime(), Duration.ZERO, Duration.ofMillis(2));
        Conn c = new Conn(counters);
        Sender s = new Sender(0, c.peer, ChatTemplate.toUser(99), new SendLedger(), LoadMode.open(4000), 4000,
                shortWindow, counters, accept, TAG);
        s.start(0);
        Pacer pacer = new Pacer(c.channel.eventLoop(), List.of(s), shortWindow.start());
        shortWindow.stop(); // the window is over before the first tick came

        assertThat(pacer.tick(shortWindow.start() + 10 * MS)).isFalse();

        // 0, 250, ..., 1750 µs: all 8 meant for the 2 ms window, none after it
        assertThat(c.written()).hasSize(8);
        assertThat(counters.sentInWindow.sum()).isEqualTo(8);
    }

    @Test
    void theAnswerLatencyCountsFromTheIntendedTimeNotTheLateSend() throws Exception {
        Sender a = sender(0, 1000);
        Pacer pacer = new Pacer(conns.get(0).channel.eventLoop(), List.of(a), window.start());
        long t0 = window.start();
        pacer.tick(t0 + 5 * MS); // message 0 was due at t0, sent 5 ms late
        conns.get(0).written();

        ServerFrame resp = new ServerFrame();
        resp.clientMsgId = MessageBody.clientMsgId(TAG, 0, 0);
        resp.seq = 1;
        a.onAccepted(resp, t0 + 6 * MS); // answered 1 ms after the actual send

        Histogram h = accept.total();
        assertThat(h.getTotalCount()).isEqualTo(1);
        assertThat(h.getMaxValue()).isBetween(5_990L, 6_010L); // 6 ms: from the intended time
    }

    @Test
    void theDeliveryLatencyCountsFromTheIntendedTimeInOpenLoopAndTheSendInClosedLoop() {
        long intended = window.micros(window.start());
        long sent = intended + 5_000;
        long arrival = window.nanos(intended) + 7 * MS;
        ServerFrame push = new ServerFrame();
        push.text = MessageBody.encode(TAG, 0, 0, intended, sent);
        push.seq = 1;

        LatencyStats open = new LatencyStats();
        new P2pReceiver(0, new ReceiveLedger(), new OrderTracker("r"), LoadMode.open(100), window, counters, open, TAG)
                .onPush(null, push, arrival);
        LatencyStats closed = new LatencyStats();
        new P2pReceiver(0, new ReceiveLedger(), new OrderTracker("r"), LoadMode.closed(1), window, counters, closed, TAG)
                .onPush(null, push, arrival);

        assertThat(open.total().getMaxValue()).isBetween(6_990L, 7_010L);
        assertThat(closed.total().getMaxValue()).isBetween(1_995L, 2_005L);
    }
}
