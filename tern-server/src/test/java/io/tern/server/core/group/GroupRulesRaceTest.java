package io.tern.server.core.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tern.protocol.FrameCodec;
import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernException;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.limit.Limits;
import io.tern.server.core.message.Fanout;
import io.tern.server.core.message.MessageQueries;
import io.tern.server.core.message.MessageWriter;
import io.tern.server.core.message.MessagesManager;
import io.tern.server.core.message.MsgIds;
import io.tern.server.core.message.PushOrder;
import io.tern.server.core.message.RemoteFanout;
import io.tern.server.core.session.SessionRegistry;
import io.tern.server.store.Database;
import io.tern.server.store.JdbcGroupStore;
import io.tern.server.store.JdbcMessageStore;
import io.tern.server.support.ForwardingGroupStore;
import io.tern.server.support.PostgresForTests;
import io.tern.server.support.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group rules under controlled interleavings: a request is paused with latches after everything
 * {@link GroupsManager} reads before it hands the request to the writer, another request commits meanwhile,
 * and the paused one must then be judged by the state at its commit — not by what was true when it started.
 */
class GroupRulesRaceTest {
    @TempDir
    Path dir;
    private Database database;
    private MessageWriter writer;
    private java.util.concurrent.ScheduledExecutorService timers;
    private PausingGroupStore store;
    private GroupsManager groups;
    private long owner;
    private long ann;
    private long cat;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> settings = new HashMap<>(TestServer.NO_LIMITS);
        settings.put("store.dataDir", dir.toString());
        settings.put("delivery.maxGroupMembers", "3");
        settings.putAll(PostgresForTests.storeOverrides());
        TernConfig config = ConfigLoader.load(null, Map.of(), settings);
        Clock clock = Clock.systemUTC();
        TernMetrics metrics = new TernMetrics(new SimpleMeterRegistry());
        database = Database.open(config.store());
        store = new PausingGroupStore(new JdbcGroupStore(database));
        JdbcMessageStore messageStore = new JdbcMessageStore(database);
        writer = new MessageWriter(messageStore, new MsgIds(clock, 0), clock, 100, 1 << 20, 1000, 64 << 20, metrics,
                (thread, error) -> { }, MessageWriter.Pass.NONE);
        GroupMembers members = new GroupMembers(store);
        SessionRegistry sessions = new SessionRegistry(config.session().multiDevice(), 0);
        io.tern.server.core.Ticker ticker = io.tern.server.core.Ticker.system();
        timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        PushOrder order = new PushOrder(sessions, FrameCodec.forServer(), messageStore::range, m -> new long[0],
                Runnable::run, timers, ticker, java.time.Duration.ofMillis(200), 1000, 1000, false, metrics);
        MessageQueries queries = new MessageQueries(messageStore, Runnable::run, clock, config.delivery(), metrics);
        MessagesManager messages = new MessagesManager(writer, new Fanout(sessions, members, FrameCodec.forServer(),
                RemoteFanout.NONE, order), members, queries, ticker, config.delivery(), metrics,
                new Limits(config.limits(), ticker));
        groups = new GroupsManager(store, messages, clock, config.delivery().maxGroupMembers());
        owner = account("owner");
        ann = account("ann");
        cat = account("cat");
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        writer.close();
        database.close();
    }

    @Test
    void adminRemovedWhileHerAddIsUnderway_addIsRefused() throws Exception {
        long g = groups.create(owner, "g", List.of(ann), false).id();
        groups.setRole(owner, g, ann, Role.ADMIN);

        CompletableFuture<Void> add = store.pauseAfterUserCheck(() -> groups.addMembers(ann, g, List.of(cat)));
        store.paused.await(10, TimeUnit.SECONDS);
        groups.remove(owner, g, ann); // commits while ann's add is past every check GroupsManager makes
        store.resume.countDown();

        assertThat(add).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(TernException.class,
                        e -> assertThat(e.code().name()).isEqualTo("NOT_A_MEMBER"));
        assertThat(store.member(g, cat)).isEmpty();
    }

    @Test
    void adminDemotedWhileHerAddIsUnderway_addIsForbidden() throws Exception {
        long g = groups.create(owner, "g", List.of(ann), false).id();
        groups.setRole(owner, g, ann, Role.ADMIN);

        CompletableFuture<Void> add = store.pauseAfterUserCheck(() -> groups.addMembers(ann, g, List.of(cat)));
        store.paused.await(10, TimeUnit.SECONDS);
        groups.setRole(owner, g, ann, Role.MEMBER);
        store.resume.countDown();

        assertThat(add).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(TernException.class,
                        e -> assertThat(e.code().name()).isEqualTo("FORBIDDEN"));
        assertThat(store.memberCount(g)).isEqualTo(2);
    }

    @Test
    void addWhileAnotherFillsTheGroup_isGroupFull() throws Exception {
        long dan = account("dan");
        long g = groups.create(owner, "g", List.of(ann), false).id(); // 2 of 3

        CompletableFuture<Void> add = store.pauseAfterUserCheck(() -> groups.addMembers(owner, g, List.of(cat)));
        store.paused.await(10, TimeUnit.SECONDS);
        groups.addMembers(owner, g, List.of(dan));
        store.resume.countDown();

        assertThat(add).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(TernException.class,
                        e -> assertThat(e.code().name()).isEqualTo("GROUP_FULL"));
        assertThat(store.memberCount(g)).isEqualTo(3);
        assertThatThrownBy(() -> groups.addMembers(owner, g, List.of(cat))).isInstanceOf(TernException.class);
    }

    private long account(String name) throws Exception {
        try (Connection c = database.pool().getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO accounts (username, password_hash, created_at) VALUES (?, 'x', 0) RETURNING id")) {
            st.setString(1, name);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The real store; once armed, the next look-up of which users exist (the last thing an add reads before it
     * asks the writer) returns and then waits until the test says go.
     */
    /** The real group store, pausing the armed request's thread right after its check that the users exist. */
    private static final class PausingGroupStore extends ForwardingGroupStore {
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private volatile Thread armedFor;

        PausingGroupStore(GroupStore delegate) {
            super(delegate);
        }

        CompletableFuture<Void> pauseAfterUserCheck(Runnable request) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    request.run();
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }, "paused-request");
            armedFor = t;
            t.start();
            return done;
        }

        @Override
        public List<Long> existingUsers(List<Long> userIds) {
            List<Long> out = super.existingUsers(userIds);
            if (Thread.currentThread() == armedFor) {
                paused.countDown();
                try {
                    resume.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return out;
        }
    }
}
