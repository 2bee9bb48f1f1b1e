package io.tern.client;

import static io.tern.client.LocalServer.await;
import static io.tern.client.LocalServer.conversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconnecting when the server no longer takes the token the client holds. */
class ReconnectTest {
    /** A clock the test moves forward instead of waiting. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @TempDir
    Path dataDir;
    private final MovableClock serverClock = new MovableClock();
    private LocalServer server;

    @BeforeEach
    void startServer() {
        server = new LocalServer(dataDir, serverClock, Map.of("auth.tokenTtl", "1h"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void anExpiredTokenRefusedAtTheHandshakeIsRenewedByLoggingInAgain() {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        Inbox bobInbox = new Inbox();
        TernClient bob = server.client("bob", bobInbox, b -> b.deviceId("desk")
                .connectionListener((state, cause) -> states.add(state)));
        await(bob.register());
        await(bob.connect());
        TernClient alice = server.registered("alice", new Inbox());
        String conv = conversation(alice.userId(), bob.userId());
        await(alice.send(bob.userId(), "before"));
        await().atMost(Duration.ofSeconds(20)).until(() -> bobInbox.of(conv).size() == 1);

        serverClock.advance(Duration.ofHours(2)); // bob's token is now expired
        bob.dropConnection();
        await().atMost(Duration.ofSeconds(20)).until(() -> states.size() >= 3);
        await(alice.send(bob.userId(), "after"));

        await().atMost(Duration.ofSeconds(20)).until(() -> bobInbox.of(conv).size() == 2);
        assertThat(bobInbox.texts(conv)).containsExactly("before", "after");
        assertThat(states).containsExactly(ConnectionState.CONNECTED, ConnectionState.RECONNECTING,
                ConnectionState.CONNECTED);
    }

    @Test
    void kickMoved_reconnectsAtOnceWithTheTokenItHolds_noNewLogin_andLosesNothing() throws Exception {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        Inbox bobInbox = new Inbox();
        TernClient bob = server.client("bob", bobInbox, b -> b.deviceId("desk")
                .reconnectBackoff(Duration.ofSeconds(60), Duration.ofSeconds(120)) // a backoff step: 30 s at least
                .connectionListener((state, cause) -> states.add(state)));
        await(bob.register());
        await(bob.connect());
        TernClient alice = server.registered("alice", new Inbox());
        String conv = conversation(alice.userId(), bob.userId());
        await(alice.send(bob.userId(), "before"));
        await().atMost(Duration.ofSeconds(20)).until(() -> bobInbox.of(conv).size() == 1);
        long tokens = tokensOf(bob.userId());

        server.server().sessions().kickAll(io.tern.protocol.Kick.MOVED);
        await(alice.send(bob.userId(), "while moving"));
        await().atMost(Duration.ofSeconds(20)).until(() -> states.size() >= 3);
        await(alice.send(bob.userId(), "after"));

        await().atMost(Duration.ofSeconds(20)).until(() -> bobInbox.of(conv).size() == 3);
        assertThat(bobInbox.texts(conv)).containsExactly("before", "while moving", "after");
        assertThat(states).containsExactly(ConnectionState.CONNECTED, ConnectionState.RECONNECTING,
                ConnectionState.CONNECTED);
        assertThat(tokensOf(bob.userId())).as("POST /api/reconnect, not a new login").isEqualTo(tokens);
    }

    private long tokensOf(long userId) throws java.sql.SQLException {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("tern.db"));
             java.sql.ResultSet rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM tokens WHERE user_id = "
                     + userId)) {
            return rs.getLong(1);
        }
    }

    @Test
    void theDirectoryLogsInAgainWhenTheServerNoLongerTakesItsToken() {
        TernClient alice = server.registered("alice", new Inbox());
        assertThat(await(alice.directory().onlineUsers())).extracting(UserInfo::username).containsExactly("alice");

        serverClock.advance(Duration.ofHours(2)); // the token of the open connection has expired

        assertThat(await(alice.directory().user("alice")).userId()).isEqualTo(alice.userId());
        assertThat(await(alice.directory().groups())).isEmpty();
    }
}
