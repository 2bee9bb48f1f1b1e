package io.tern.server.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.Frame;
import io.tern.protocol.Kick;
import io.tern.server.config.TernConfig;
import io.tern.server.core.message.Message;
import io.tern.server.support.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox on a fake ticker: retries with backoff, the ack deadline, the unacked limit, acks. */
class OutboxTest {
    private final FakeTicker ticker = new FakeTicker();
    private final RecordingConnection connection = new RecordingConnection();
    private final TernConfig.Session config = new TernConfig.Session(Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(4), 3, TernConfig.MultiDevicePolicy.ALLOW,
            Duration.ofSeconds(30));
    private final Outbox outbox = new Outbox(connection, ticker, config, io.tern.server.core.TernMetrics.discarding());

    @AfterEach
    void stop() {
        connection.scheduler.shutdownNow();
    }

    private static Message message(String id, long seq) {
        return new Message(id, "p:1:2", seq, 1, 2L, 0, "c" + id, "{\"contentType\":1}");
    }

    private void push(String id, long seq) {
        outbox.push(message(id, seq), id.getBytes());
    }

    @Test
    void unacked_isResentWithDoublingBackoff() {
        push("a", 1);
        assertThat(connection.sent).containsExactly("a");

        ticker.advance(Duration.ofMillis(999));
        outbox.tick();
        assertThat(connection.sent).hasSize(1);
        ticker.advance(Duration.ofMillis(1));
        outbox.tick();
        assertThat(connection.sent).containsExactly("a", "a");
        ticker.advance(Duration.ofMillis(1999));
        outbox.tick();
        assertThat(connection.sent).hasSize(2);
        ticker.advance(Duration.ofMillis(1));
        outbox.tick();
        assertThat(connection.sent).hasSize(3);
        ticker.advance(Duration.ofSeconds(4));
        outbox.tick();
        assertThat(connection.sent).hasSize(4);
        assertThat(outbox.retries()).isEqualTo(3);
    }

    @Test
    void everythingAcked_thenMorePushed_isTrackedAgain_andAnAckByMsgIdLeftInTheQueueIsNotResent() {
        push("a", 1);
        push("b", 2);
        assertThat(outbox.ack("b")).isNotNull(); // by msgId, behind an unacked head: stays queued, marked acked
        assertThat(outbox.ack("p:1:2", 1)).isEqualTo(1);
        assertThat(outbox.unacked()).isZero(); // the outbox is empty again

        push("c", 3);
        assertThat(outbox.unacked()).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(1));
        outbox.tick();
        assertThat(connection.sent).containsExactly("a", "b", "c", "c");
        assertThat(outbox.ack("p:1:2", 3)).isEqualTo(3);
        assertThat(outbox.unacked()).isZero();
        assertThat(outbox.ack("c")).as("acked already").isNull();
    }

    @Test
    void unacked_isNotResent_whileTheDeviceKeepsAcknowledgingOthers_butIsOnceItStops() {
        push("a", 1);
        push("b", 2);
        ticker.advance(Duration.ofMillis(900));
        assertThat(outbox.ack("a")).isNotNull();
        ticker.advance(Duration.ofMillis(100)); // b is due, but the device acked 100 ms ago: it is only behind
        outbox.tick();
        assertThat(connection.sent).containsExactly("a", "b");
        ticker.advance(Duration.ofMillis(899));
        outbox.tick();
        assertThat(connection.sent).hasSize(2);
        ticker.advance(Duration.ofMillis(1)); // a whole retry interval without an ack
        outbox.tick();
        assertThat(connection.sent).containsExactly("a", "b", "b");
    }

    @Test
    void unacked_isNotResent_whileTheConnectionHasNotSentWhatWasWritten() {
        push("a", 1);
        connection.backlogged = true;
        ticker.advance(Duration.ofSeconds(1));
        outbox.tick();
        assertThat(connection.sent).containsExactly("a");
        connection.backlogged = false;
        outbox.tick();
        assertThat(connection.sent).containsExactly("a", "a");
    }

    @Test
    void ack_missing_closesConnectionAfterDeadline_evenWhileOthersAreAcknowledged() {
        push("a", 1);
        for (int i = 2; i <= 10; i++) {
            ticker.advance(Duration.ofSeconds(1));
            push("m" + i, i);
            assertThat(outbox.ack("m" + i)).isNotNull();
            outbox.tick();
        }
        ticker.advance(Duration.ofMillis(999));
        outbox.tick();
        assertThat(connection.kicked).isEmpty();
        assertThat(connection.sent).as("a was never re-sent: the device kept acknowledging").containsOnlyOnce("a");
        ticker.advance(Duration.ofMillis(1));
        outbox.tick();
        assertThat(connection.kicked).containsExactly(Kick.ACK_TIMEOUT);
    }

    @Test
    void ack_missing_closesConnectionAfterDeadline() {
        push("a", 1);
        ticker.advance(Duration.ofMillis(9_999));
        outbox.tick();
        assertThat(connection.kicked).isEmpty();
        ticker.advance(Duration.ofMillis(1));
        outbox.tick();
        assertThat(connection.kicked).containsExactly(Kick.ACK_TIMEOUT);
        assertThat(outbox.unacked()).isZero();
    }

    @Test
    void cumulativeAck_clearsEverythingUpToSeq() {
        push("a", 1);
        push("b", 2);
        push("c", 3);
        outbox.ack("p:1:2", 2);
        assertThat(outbox.unacked()).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(1));
        outbox.tick();
        assertThat(connection.sent).containsExactly("a", "b", "c", "c");
        outbox.ack("p:1:2", 3);
        ticker.advance(Duration.ofSeconds(20));
        outbox.tick();
        assertThat(connection.kicked).isEmpty();
    }

    @Test
    void cumulativeAck_clearsExactlyThePushesUpToSeq_whateverOrderTheyWereQueuedIn() {
        push("c", 3); // pushes of one conversation can reach the outbox out of seq order
        push("a", 1);
        push("b", 2);
        outbox.ack("p:1:2", 2);
        assertThat(outbox.unacked()).as("1 and 2 are acknowledged, 3 is not").isEqualTo(1);
        ticker.advance(Duration.ofSeconds(1));
        outbox.tick();
        assertThat(connection.sent).as("only 3 is pushed again").containsExactly("c", "a", "b", "c");
        outbox.ack("p:1:2", 3);
        assertThat(outbox.unacked()).isZero();
        ticker.advance(Duration.ofSeconds(20));
        outbox.tick();
        assertThat(connection.sent).hasSize(4);
        assertThat(connection.kicked).isEmpty();
    }

    @Test
    void ackByMsgId_returnsMessageOnce() {
        push("a", 1);
        push("b", 2);
        assertThat(outbox.ack("b").seq()).isEqualTo(2);
        assertThat(outbox.ack("b")).isNull();
        assertThat(outbox.ack("zzz")).isNull();
        outbox.ack("p:1:2", 1);
        assertThat(outbox.unacked()).isZero();
    }

    @Test
    void tooManyUnacked_closesAsSlowConsumer() {
        push("a", 1);
        push("b", 2);
        push("c", 3);
        assertThat(connection.kicked).isEmpty();
        push("d", 4);
        assertThat(connection.kicked).containsExactly(Kick.SLOW_CONSUMER);
        push("e", 5);
        assertThat(connection.sent).containsExactly("a", "b", "c", "d");
    }

    /** Records what the outbox writes; its scheduler is real but the test drives ticks itself. */
    static final class RecordingConnection implements Connection {
        final List<String> sent = new ArrayList<>();
        final List<String> kicked = new ArrayList<>();
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        boolean backlogged;

        @Override
        public boolean backlogged() {
            return backlogged;
        }

        @Override
        public void send(Frame frame) {
            sent.add(frame.toString());
        }

        @Override
        public void sendEncoded(byte[] frame) {
            sent.add(new String(frame));
        }

        @Override
        public void kick(String reason) {
            kicked.add(reason);
        }

        @Override
        public ScheduledExecutorService executor() {
            return scheduler;
        }
    }
}
