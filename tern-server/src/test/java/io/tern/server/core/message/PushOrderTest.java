package io.tern.server.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.protocol.ChatPush;
import io.tern.protocol.Frame;
import io.tern.protocol.FrameCodec;
import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.account.Principal;
import io.tern.server.core.account.Tokens;
import io.tern.server.core.session.Connection;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.core.session.SessionRegistry;
import io.tern.server.store.Database;
import io.tern.server.store.JdbcAccountStore;
import io.tern.server.store.JdbcMessageStore;
import io.tern.server.support.FakeTicker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reorder step on a fake ticker and a real SQLite store: pushes that arrive out of seq order go out in
 * order, a gap not closed within the wait is read from the store (off the caller's thread), duplicates are
 * dropped, and what it holds is bounded.
 */
class PushOrderTest {
    private static final Duration WAIT = Duration.ofMillis(200);
    private static final FrameCodec CODEC = FrameCodec.forServer();

    @TempDir
    Path dir;

    private final FakeTicker ticker = new FakeTicker();
    private final SessionRegistry sessions = new SessionRegistry(TernConfig.MultiDevicePolicy.ALLOW, 0);
    private final ExecutorService blocking = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-blocking"));
    /** Real, but its checks find nothing due unless the test advanced the ticker; the test also calls them. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> readThreads = new CopyOnWriteArrayList<>();
    private Database database;
    private JdbcMessageStore store;
    private long alice;
    private long bob;
    private long carol;
    private final Recorder bobSees = new Recorder();

    @BeforeEach
    void open() {
        database = Database.open(ConfigLoader.load(null, Map.of(), Map.of("store.dataDir", dir.toString())).store());
        store = new JdbcMessageStore(database);
        JdbcAccountStore accounts = new JdbcAccountStore(database);
        alice = accounts.create("alice", "alice", "x", 0).orElseThrow();
        bob = accounts.create("bob", "bob", "x", 0).orElseThrow();
        carol = accounts.create("carol", "carol", "x", 0).orElseThrow();
        sessions.register(new DeviceSession(sessions.nextSessionId(), new Principal(bob, "phone", Tokens.hash("t")), bobSees, null));
    }

    @AfterEach
    void close() {
        blocking.shutdownNow();
        timer.shutdownNow();
        database.close();
    }

    private PushOrder order(int maxConversations, int maxBuffered) {
        return order(maxConversations, maxBuffered, false);
    }

    /** {@code severalSources}: as in a cluster, where other nodes publish this conversation's pushes too. */
    private PushOrder order(int maxConversations, int maxBuffered, boolean severalSources) {
        PushOrder.StoredRange reads = (conversation, after, max, limit) -> {
            readThreads.add(Thread.currentThread().getName());
            return store.range(conversation, after, max, limit);
        };
        return new PushOrder(sessions, CODEC, reads, m -> ConversationIds.directMembers(m.conversationId()), blocking,
                timer, ticker, WAIT, maxConversations, maxBuffered, severalSources, TernMetrics.discarding());
    }

    /** Stores {@code n} messages from alice to {@code to}; seqs 1..n. */
    private List<Message> stored(long to, int n) {
        List<Message> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Draft d = Draft.direct(alice, "c" + to + "-" + i, to, "{\"contentType\":1,\"body\":\"" + i + "\"}");
            out.add(store.commit(List.of(d), List.of(), 1_000L * i, () -> UUID.randomUUID().toString()).get(0).message());
        }
        return out;
    }

    private static void offer(PushOrder order, Message m) {
        order.offer(m, CODEC.encode(m.toPush()), ConversationIds.directMembers(m.conversationId()), -1);
    }

    @Test
    void pushesOutOfOrder_goOutInSeqOrder() {
        List<Message> m = stored(bob, 3);
        PushOrder order = order(100, 100);
        offer(order, m.get(0));
        offer(order, m.get(2));
        assertThat(bobSees.seqs()).containsExactly(1L);
        offer(order, m.get(1));
        assertThat(bobSees.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(order.waiting()).isZero();
        assertThat(readThreads).as("nothing was missing long enough to be read").isEmpty();
    }

    @Test
    void gapNotClosedWithinTheWait_isReadFromTheStore_offTheCallersThread_andGoesOutInOrder() {
        List<Message> m = stored(bob, 3);
        PushOrder order = order(100, 100);
        offer(order, m.get(0));
        offer(order, m.get(2));
        ticker.advance(WAIT.minusMillis(1));
        order.checkGaps();
        assertThat(bobSees.seqs()).containsExactly(1L);
        assertThat(readThreads).isEmpty();

        ticker.advance(Duration.ofMillis(1));
        order.checkGaps();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bobSees.seqs()).containsExactly(1L, 2L, 3L));
        assertThat(readThreads).containsOnly("test-blocking");
        assertThat(bobSees.msgIds()).containsExactly(m.get(0).msgId(), m.get(1).msgId(), m.get(2).msgId());

        offer(order, m.get(1)); // the late push itself: it went out already
        assertThat(bobSees.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(order.waiting()).isZero();
    }

    @Test
    void singleNode_firstPushAboveSeqOne_goesOutAtOnce() {
        List<Message> m = stored(bob, 5);
        PushOrder order = order(100, 100, false);
        offer(order, m.get(4)); // a conversation with history, new to this node's tracking
        assertThat(bobSees.seqs()).containsExactly(5L);
    }

    @Test
    void severalSources_laterSeqArrivingFirstForANewConversation_waitsForTheEarlierOnes_andAllGoOutInOrder() {
        List<Message> m = stored(bob, 6);
        PushOrder order = order(100, 100, true);
        // seqs 1..5 committed on one node, seq 6 on another whose push arrived here first
        offer(order, m.get(5));
        offer(order, m.get(2));
        offer(order, m.get(1));
        assertThat(bobSees.seqs()).as("where the conversation starts here is not known yet").isEmpty();
        offer(order, m.get(0)); // seq 1: nothing can come before it
        assertThat(bobSees.seqs()).containsExactly(1L, 2L, 3L);
        offer(order, m.get(3));
        offer(order, m.get(4));
        assertThat(bobSees.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(order.waiting()).isZero();
        assertThat(readThreads).isEmpty();
    }

    @Test
    void severalSources_newConversationAboveSeqOne_startsAtTheLowestSeqHeldWhenTheWaitEnds() {
        List<Message> m = stored(bob, 9);
        PushOrder order = order(100, 100, true);
        offer(order, m.get(7)); // seq 8: the first push here of a conversation with history
        offer(order, m.get(6)); // seq 7 overtaken on the way
        ticker.advance(WAIT.minusMillis(1));
        order.checkGaps();
        assertThat(bobSees.seqs()).isEmpty();

        ticker.advance(Duration.ofMillis(1));
        order.checkGaps();
        assertThat(bobSees.seqs()).containsExactly(7L, 8L);
        offer(order, m.get(5)); // below where it started here: dropped, the device pulls it
        offer(order, m.get(8));
        assertThat(bobSees.seqs()).containsExactly(7L, 8L, 9L);
        assertThat(readThreads).as("nothing below the start is read back").isEmpty();
    }

    @Test
    void severalSources_newConversationStartingAtSeqOne_goesOutAtOnce() {
        List<Message> m = stored(bob, 2);
        PushOrder order = order(100, 100, true);
        offer(order, m.get(0));
        offer(order, m.get(1));
        assertThat(bobSees.seqs()).containsExactly(1L, 2L);
    }

    @Test
    void severalSources_tooManyHeldBeforeTheStartSettles_startsAtOnceAtTheLowest() {
        List<Message> m = stored(bob, 6);
        PushOrder order = order(100, 2, true);
        offer(order, m.get(5));
        offer(order, m.get(3));
        assertThat(bobSees.seqs()).isEmpty();
        offer(order, m.get(4)); // three held, two allowed
        assertThat(bobSees.seqs()).containsExactly(4L, 5L, 6L);
        assertThat(order.waiting()).isZero();
    }

    @Test
    void duplicates_areDropped_whetherDeliveredOrWaiting() {
        List<Message> m = stored(bob, 3);
        PushOrder order = order(100, 100);
        offer(order, m.get(0));
        offer(order, m.get(0));
        offer(order, m.get(2));
        offer(order, m.get(2));
        assertThat(order.waiting()).isEqualTo(1);
        offer(order, m.get(1));
        offer(order, m.get(1));
        assertThat(bobSees.seqs()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void moreWaitingThanAllowed_fillsTheGapFromTheStoreAtOnce() {
        List<Message> m = stored(bob, 4);
        PushOrder order = order(100, 1);
        offer(order, m.get(0));
        offer(order, m.get(2));
        assertThat(order.waiting()).isEqualTo(1);
        offer(order, m.get(3)); // two waiting, one allowed: no waiting for the ticker
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(bobSees.seqs()).containsExactly(1L, 2L, 3L, 4L));
        assertThat(order.waiting()).isZero();
    }

    @Test
    void trackedConversationsAreBounded_theLeastRecentlyUsedIsForgotten_withWhatItHeldInOrder() {
        List<Message> withAlice = stored(bob, 4);
        sessions.register(new DeviceSession(sessions.nextSessionId(), new Principal(carol, "phone", Tokens.hash("t")),
                new Recorder(), null));
        List<Message> withCarol = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Draft d = Draft.direct(carol, "cb" + i, bob, "{\"contentType\":1}");
            withCarol.add(store.commit(List.of(d), List.of(), 0, () -> UUID.randomUUID().toString()).get(0).message());
        }
        PushOrder order = order(1, 100);
        offer(order, withAlice.get(0));
        offer(order, withAlice.get(2));
        offer(order, withAlice.get(3));
        assertThat(order.waiting()).isEqualTo(2);
        offer(order, withCarol.get(0)); // a second conversation: the first one is forgotten
        assertThat(order.tracked()).isEqualTo(1);
        assertThat(order.waiting()).isZero();
        assertThat(bobSees.pushes()).extracting(p -> p.conversationId() + "#" + p.seq()).containsExactly(
                withAlice.get(0).conversationId() + "#1", withAlice.get(0).conversationId() + "#3",
                withAlice.get(0).conversationId() + "#4", withCarol.get(0).conversationId() + "#1");
    }

    @Test
    void aConversationWithNobodyHere_isNotTracked() {
        Message toCarol = stored(carol, 1).get(0); // carol has no session here
        PushOrder order = order(100, 100);
        offer(order, toCarol);
        assertThat(order.tracked()).isZero();
    }

    /** Carol online with an outbox whose connection lives on {@code loop}; what her session is sent. */
    private Recorder carolOn(ScheduledExecutorService loop) {
        Recorder carolSees = new Recorder() {
            @Override
            public ScheduledExecutorService executor() {
                return loop;
            }
        };
        TernConfig.Session config = ConfigLoader.load(null, Map.of(), Map.of("store.dataDir", dir.toString())).session();
        sessions.register(new DeviceSession(sessions.nextSessionId(), new Principal(carol, "phone", Tokens.hash("t")), carolSees,
                new io.tern.server.core.session.Outbox(carolSees, ticker, config, TernMetrics.discarding())));
        return carolSees;
    }

    /** What one session was sent, decoded; its device has no outbox, so pushes are written straight away. */
    @Test
    void pushesOfAPass_reachAnEventLoopAsOneTask_inSeqOrder_withOneFlushPerSession_andPushesFromOtherThreadsJoiningIt()
            throws Exception {
        CountingLoop loop = new CountingLoop();
        Recorder carolSees = carolOn(loop);
        try {
            List<Message> m = stored(carol, 3);
            PushOrder order = order(100, 100);
            order.beginPass();
            offer(order, m.get(0));
            offer(order, m.get(1));
            Thread other = new Thread(() -> offer(order, m.get(2)), "another-node");
            other.start();
            other.join();
            assertThat(carolSees.seqs()).as("nothing leaves before the pass ends").isEmpty();
            order.endPass();
            await().until(() -> carolSees.seqs().size() == 3);
            assertThat(carolSees.seqs()).containsExactly(1L, 2L, 3L);
            assertThat(loop.executed.get()).as("one task for the whole pass").isEqualTo(1);
            assertThat(carolSees.sends.get()).as("the session's three pushes leave in one flush").isEqualTo(1);

            offer(order, stored(carol, 4).get(3)); // outside a pass: a task of its own, at once
            await().until(() -> carolSees.seqs().size() == 4);
            assertThat(loop.executed.get()).isEqualTo(2);
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void passesTheEventLoopsHaveNotRun_holdTheDeliveryThread_untilTheyCatchUp() throws Exception {
        CountingLoop loop = new CountingLoop();
        Recorder carolSees = carolOn(loop);
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
        loop.execute(() -> {
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            int passes = PassDeliveries.MAX_PASS_TASKS + 1;
            List<Message> m = stored(carol, passes);
            PushOrder order = order(100, 100);
            Thread delivery = new Thread(() -> {
                for (Message message : m) {
                    order.beginPass();
                    offer(order, message);
                    order.endPass();
                }
            }, "tern-delivery-test");
            delivery.start();
            await().until(() -> delivery.getState() == Thread.State.TIMED_WAITING
                    || delivery.getState() == Thread.State.WAITING);
            assertThat(loop.executed.get() - 1).as("it handed over the allowed passes, then waited")
                    .isEqualTo(passes);
            assertThat(delivery.isAlive()).isTrue();
            busy.countDown(); // the event loop catches up
            delivery.join(10_000);
            assertThat(delivery.isAlive()).isFalse();
            await().until(() -> carolSees.seqs().size() == passes);
        } finally {
            busy.countDown();
            loop.shutdownNow();
        }
    }

    /** An event loop stand-in that counts the tasks handed to it (timers not included). */
    static final class CountingLoop extends java.util.concurrent.ScheduledThreadPoolExecutor {
        final AtomicInteger executed = new AtomicInteger();

        CountingLoop() {
            super(1);
        }

        @Override
        public void execute(Runnable task) {
            executed.incrementAndGet();
            super.execute(task);
        }
    }

    static class Recorder implements Connection {
        private final FrameCodec decoder = FrameCodec.forClient();
        private final List<ChatPush> pushes = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger other = new AtomicInteger();
        /** Written but not flushed: not on the wire yet. Touched only on the connection's executor. */
        private final List<byte[]> queued = new ArrayList<>();
        /** Times something went on the wire: each unbuffered frame, each flush of buffered ones. */
        final AtomicInteger sends = new AtomicInteger();

        @Override
        public void write(byte[] frame) {
            queued.add(frame);
        }

        @Override
        public void flush() {
            if (!queued.isEmpty()) {
                sends.incrementAndGet();
            }
            queued.forEach(this::record);
            queued.clear();
        }

        @Override
        public void send(Frame frame) {
            other.incrementAndGet();
        }

        @Override
        public void sendEncoded(byte[] frame) {
            sends.incrementAndGet();
            record(frame);
        }

        private void record(byte[] frame) {
            try {
                pushes.add((ChatPush) decoder.decode(frame));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void kick(String reason) {
            other.incrementAndGet();
        }

        @Override
        public ScheduledExecutorService executor() {
            throw new UnsupportedOperationException("a device without an outbox needs no executor");
        }

        List<ChatPush> pushes() {
            synchronized (pushes) {
                return List.copyOf(pushes);
            }
        }

        List<Long> seqs() {
            return pushes().stream().map(ChatPush::seq).toList();
        }

        List<String> msgIds() {
            return pushes().stream().map(ChatPush::msgId).toList();
        }
    }
}
