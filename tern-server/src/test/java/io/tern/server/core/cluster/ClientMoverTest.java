package io.tern.server.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.Frame;
import io.tern.protocol.Kick;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.account.Principal;
import io.tern.server.core.account.Tokens;
import io.tern.server.core.session.Connection;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.core.session.Outbox;
import io.tern.server.core.session.SessionRegistry;
import io.tern.server.support.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The pace and the end of moving clients off a node, on a fake ticker. */
class ClientMoverTest {
    private static final TernConfig.Session SESSION = new TernConfig.Session(Duration.ofSeconds(30),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(4), 3,
            TernConfig.MultiDevicePolicy.ALLOW, Duration.ofSeconds(30));

    private final FakeTicker ticker = new FakeTicker();
    private final SessionRegistry sessions = new SessionRegistry(TernConfig.MultiDevicePolicy.ALLOW, 0);
    private final List<String> kicks = new ArrayList<>();
    private final ClientMover mover = new ClientMover(sessions, ticker, 10);

    @Test
    void aDrain_movesEveryClientAtTheRate_andThenOneThatArrivesLate() {
        online(25, true);
        mover.drain(0); // the default: 10 a second
        assertThat(mover.tick()).as("no time has passed yet").isZero();
        ticker.advance(Duration.ofMillis(500));
        assertThat(mover.tick()).isEqualTo(5);
        ticker.advance(Duration.ofMillis(100));
        assertThat(mover.tick()).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(30)); // a stall: at most a second's worth at once
        assertThat(mover.tick()).isEqualTo(10);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(mover.tick()).isEqualTo(9);
        assertThat(sessions.sessionCount()).isZero();
        assertThat(kicks).hasSize(25).containsOnly(Kick.MOVED);

        online(1, true); // routed here before the others heard of the drain
        ticker.advance(Duration.ofMillis(100));
        assertThat(mover.tick()).isEqualTo(1);
        assertThat(mover.moved()).isEqualTo(26);
        assertThat(mover.draining()).isTrue();
    }

    @Test
    void aMove_stopsAtItsCount_andLeavesLongPollDevicesAlone() {
        online(3, false);
        online(20, true);
        mover.move(7, 100);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(mover.tick()).isEqualTo(7);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(mover.tick()).isZero();
        assertThat(sessions.sessionCount()).isEqualTo(16);
        assertThat(mover.draining()).isFalse();
    }

    @Test
    void aSessionStillClosing_isNotKickedTwice_andResumeStopsTheDrain() {
        List<DeviceSession> lingering = online(2, true, false);
        mover.drain(100);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(mover.tick()).isEqualTo(2);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(mover.tick()).as("both still closing").isZero();
        assertThat(kicks).hasSize(2);
        lingering.forEach(sessions::unregister);

        mover.resume();
        online(3, true);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(mover.tick()).isZero();
        assertThat(mover.draining()).isFalse();
    }

    private List<DeviceSession> online(int n, boolean webSocket) {
        return online(n, webSocket, true);
    }

    /** {@code closesOnKick}: as a real connection, whose session leaves the registry once it closed. */
    private List<DeviceSession> online(int n, boolean webSocket, boolean closesOnKick) {
        List<DeviceSession> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = sessions.nextSessionId();
            DeviceSession[] self = new DeviceSession[1];
            Connection c = new Connection() {
                @Override
                public void send(Frame frame) {
                }

                @Override
                public void sendEncoded(byte[] frame) {
                }

                @Override
                public void kick(String reason) {
                    kicks.add(reason);
                    if (closesOnKick) {
                        sessions.unregister(self[0]);
                    }
                }

                @Override
                public ScheduledExecutorService executor() {
                    return null;
                }
            };
            self[0] = new DeviceSession(id, new Principal(id, "d" + id, Tokens.hash("h" + id)), c,
                    webSocket ? new Outbox(c, ticker, SESSION, TernMetrics.discarding()) : null);
            sessions.register(self[0]);
            out.add(self[0]);
        }
        return out;
    }
}
