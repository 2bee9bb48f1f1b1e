package io.tern.server.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.FakeTicker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingLoginsTest {
    private final FakeTicker ticker = new FakeTicker();
    private final PendingLogins pending = new PendingLogins(ticker, Duration.ofMinutes(2));

    private static NodeInfo node(int id, long connections) {
        return node(id, connections, 1L);
    }

    private static NodeInfo node(int id, long connections, long seenAt) {
        return new NodeInfo(id, "ws://node" + id + "/ws", connections, seenAt, connections, 0, false, -1);
    }

    @Test
    void loginsNotConnectedYet_countAsLoad_evenAcrossHeartbeats() {
        for (int i = 0; i < 100; i++) {
            pending.sent(node(1, 1_000));
        }
        assertThat(pending.load(node(1, 1_000))).isEqualTo(1_100);
        ticker.advance(Duration.ofSeconds(30)); // many heartbeats later, nobody connected yet
        assertThat(pending.load(node(1, 1_000))).isEqualTo(1_100);
    }

    @Test
    void loginsThatConnected_areNotCountedTwice() {
        for (int i = 0; i < 100; i++) {
            pending.sent(node(1, 1_000));
        }
        assertThat(pending.load(node(1, 1_060))).as("60 arrived, 40 to come").isEqualTo(1_100);
        assertThat(pending.load(node(1, 1_100))).isEqualTo(1_100);
        assertThat(pending.load(node(1, 1_150))).as("others connected too").isEqualTo(1_150);
    }

    @Test
    void loginsThatConnectedBeforeARestart_areNotCountedAgainstTheRestartedNode() {
        for (int i = 0; i < 10; i++) {
            pending.sent(node(1, 500));
        }
        pending.observe(List.of(node(1, 510))); // a heartbeat read: all ten arrived
        assertThat(pending.load(node(1, 0))).as("restarted empty").isZero();
    }

    @Test
    void loginsStillOutstanding_whenTheCountFell_stillCount() {
        for (int i = 0; i < 10; i++) {
            pending.sent(node(1, 500));
        }
        pending.observe(List.of(node(1, 505)));
        assertThat(pending.load(node(1, 0))).as("five never arrived before the restart").isEqualTo(5);
        assertThat(pending.load(node(1, 3))).as("three of them arrived since").isEqualTo(5);
    }

    @Test
    void anOlderRegistryRead_afterANewerOne_paysNothingOffTwice() {
        for (int i = 0; i < 20; i++) {
            pending.sent(node(1, 100, 1_000));
        }
        pending.observe(List.of(node(1, 110, 1_500))); // ten arrived
        assertThat(pending.load(node(1, 100, 1_000))).as("a request that read the registry earlier").isEqualTo(110);
        assertThat(pending.load(node(1, 110, 1_500))).as("ten still to come").isEqualTo(120);
    }

    @Test
    void aReadThatDoesNotListANode_keepsItsPendingLogins_untilTheWindowPasses() {
        pending.sent(node(1, 0));
        pending.observe(List.of(node(2, 0))); // an older read, from before node 1 registered again
        assertThat(pending.load(node(1, 0))).isEqualTo(1);
        ticker.advance(Duration.ofMinutes(2));
        pending.observe(List.of(node(2, 0)));
        assertThat(pending.load(node(1, 0))).isZero();
    }

    @Test
    void pendingLogins_areForgottenAfterTheWindow() {
        pending.sent(node(1, 5));
        ticker.advance(Duration.ofMinutes(2));
        assertThat(pending.load(node(1, 5))).isEqualTo(5);
        pending.sent(node(1, 5));
        assertThat(pending.load(node(1, 5))).as("a new window from the count then").isEqualTo(6);
    }

    @Test
    void nodes_areCountedApart() {
        pending.sent(node(1, 0));
        assertThat(pending.load(node(2, 0))).isZero();
    }
}
