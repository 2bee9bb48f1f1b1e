package io.tern.client;

import static io.tern.client.LocalServer.await;
import static io.tern.client.LocalServer.conversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK against a real server in this JVM: delivery is complete, ordered and free of duplicates. */
class TernClientTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    private LocalServer server;

    @BeforeEach
    void startServer() {
        server = new LocalServer(dataDir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void twoClientsChatBothWaysAndEachListenerGetsEveryMessageOnceInOrder() {
        Inbox aliceInbox = new Inbox();
        Inbox bobInbox = new Inbox();
        TernClient alice = server.registered("alice", aliceInbox);
        TernClient bob = server.registered("bob", bobInbox);
        String conv = conversation(alice.userId(), bob.userId());

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String fromAlice = "a" + i;
            String fromBob = "b" + i;
            expected.add(fromAlice);
            expected.add(fromBob);
            Sent sent = await(alice.send(bob.userId(), fromAlice));
            assertThat(sent.conversationId()).isEqualTo(conv);
            await(bob.send(alice.userId(), fromBob));
        }

        await().atMost(WAIT).until(() -> bobInbox.of(conv).size() == 40 && aliceInbox.of(conv).size() == 40);
        for (Inbox inbox : List.of(aliceInbox, bobInbox)) {
            inbox.assertExactlyInOrder(conv, 1, 40);
            assertThat(inbox.texts(conv)).containsExactlyElementsOf(expected);
        }
        assertThat(aliceInbox.of(conv).get(1).fromId()).isEqualTo(bob.userId());
        assertThat(alice.cursors()).containsEntry(conv, 40L);
        assertThat(bob.cursors()).containsEntry(conv, 40L);
    }

    @Test
    void receiverThatWasOfflineGetsAll300MessagesInOrderExactlyOnceByCursor() {
        TernClient alice = server.registered("alice", new Inbox());
        Inbox before = new Inbox();
        TernClient bob = server.registered("bob", before);
        String conv = conversation(alice.userId(), bob.userId());
        await(alice.send(bob.userId(), "before"));
        await().atMost(WAIT).until(() -> bob.cursors().getOrDefault(conv, 0L) == 1L);
        var savedCursors = bob.cursors();
        bob.close();

        List<CompletableFuture<Sent>> sends = IntStream.range(0, 300)
                .mapToObj(i -> alice.send(bob.userId(), "m" + i)).toList();
        sends.forEach(LocalServer::await);

        Inbox after = new Inbox();
        TernClient bobAgain = server.client("bob", after, b -> b.cursors(savedCursors));
        await(bobAgain.connect());

        await().atMost(WAIT).until(() -> after.of(conv).size() >= 300);
        after.assertExactlyInOrder(conv, 2, 301);
        assertThat(after.texts(conv)).containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(i -> "m" + i).toList());
        assertThat(before.texts(conv)).containsExactly("before");
        await().atMost(WAIT).until(() -> bobAgain.cursors().get(conv) == 301L);
    }

    @Test
    void messageFromOneDeviceReachesTheUsersOtherDeviceAndThePeer() {
        Inbox phone = new Inbox();
        Inbox laptop = new Inbox();
        Inbox bobInbox = new Inbox();
        TernClient alicePhone = server.client("alice", phone, b -> b.deviceId("phone"));
        await(alicePhone.register());
        await(alicePhone.connect());
        TernClient aliceLaptop = server.client("alice", laptop, b -> b.deviceId("laptop"));
        await(aliceLaptop.connect());
        TernClient bob = server.registered("bob", bobInbox);
        String conv = conversation(alicePhone.userId(), bob.userId());

        await(alicePhone.send(bob.userId(), "from the phone"));
        await(aliceLaptop.send(bob.userId(), "from the laptop"));
        await(bob.send(alicePhone.userId(), "hi both"));

        await().atMost(WAIT).until(() -> phone.of(conv).size() == 3 && laptop.of(conv).size() == 3
                && bobInbox.of(conv).size() == 3);
        for (Inbox inbox : List.of(phone, laptop, bobInbox)) {
            inbox.assertExactlyInOrder(conv, 1, 3);
            assertThat(inbox.texts(conv)).containsExactly("from the phone", "from the laptop", "hi both");
        }
        assertThat(aliceLaptop.userId()).isEqualTo(alicePhone.userId());
    }

    @Test
    void sendsInFlightWhenTheConnectionDropsAreResentAndDeliveredExactlyOnce() {
        int count = 200;
        List<ConnectionState> aliceStates = new CopyOnWriteArrayList<>();
        TernClient alice = server.client("alice", new Inbox(),
                b -> b.connectionListener((state, cause) -> aliceStates.add(state)));
        await(alice.register());
        await(alice.connect());
        Inbox bobInbox = new Inbox();
        TernClient[] bobHolder = new TernClient[1];
        // Bob loses his connection too, in the middle of receiving, from inside his own listener.
        TernClient bob = server.client("bob", message -> {
            bobInbox.onMessage(message);
            if (message.seq() == count / 3) {
                bobHolder[0].dropConnection();
            }
        }, b -> b);
        bobHolder[0] = bob;
        await(bob.register());
        await(bob.connect());
        String conv = conversation(alice.userId(), bob.userId());

        List<CompletableFuture<Sent>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(alice.send(bob.userId(), "m" + i));
            if (i == count / 4) {
                // Dropped while most sends are queued or on the wire without their CHAT_RESP.
                sends.get(i).thenRun(alice::dropConnection);
            }
        }

        List<Sent> sent = sends.stream().map(LocalServer::await).toList();
        assertThat(sent).extracting(Sent::seq).doesNotHaveDuplicates()
                .allSatisfy(seq -> assertThat(seq).isBetween(1L, (long) count));
        await().atMost(WAIT).until(() -> bobInbox.of(conv).size() >= count);
        bobInbox.assertExactlyInOrder(conv, 1, count);
        Set<String> texts = new HashSet<>(bobInbox.texts(conv));
        assertThat(texts).hasSize(count)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).mapToObj(i -> "m" + i).toList());
        assertThat(aliceStates).contains(ConnectionState.RECONNECTING);
        // On a busy machine every send may be answered before the drop is even asked for; then alice is
        // still reconnecting here, and must get there.
        await().atMost(WAIT).until(() -> aliceStates.get(aliceStates.size() - 1) == ConnectionState.CONNECTED);
    }

    @Test
    void historyPagesBackwardsFromTheNewest() {
        TernClient alice = server.registered("alice", new Inbox());
        TernClient bob = server.registered("bob", new Inbox());
        String conv = conversation(alice.userId(), bob.userId());
        for (int i = 1; i <= 5; i++) {
            await(alice.send(bob.userId(), "h" + i));
        }

        HistoryPage newest = await(bob.pullHistory(conv, Long.MAX_VALUE, 2));
        assertThat(newest.messages()).extracting(Message::text).containsExactly("h4", "h5");
        assertThat(newest.hasMore()).isTrue();
        HistoryPage oldest = await(bob.pullHistory(conv, 2, 10));
        assertThat(oldest.messages()).extracting(Message::seq).containsExactly(1L);
        assertThat(oldest.hasMore()).isFalse();
    }

    @Test
    void registeringATakenUsernameFailsWithUsernameTaken() {
        server.registered("alice", new Inbox());
        TernClient again = server.client("alice", new Inbox(), b -> b);

        assertThatThrownBy(() -> await(again.register()))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(TernClientException.class, e -> {
                    assertThat(e.error()).isEqualTo("USERNAME_TAKEN");
                    assertThat(e.httpStatus()).isEqualTo(409);
                });
    }

    @Test
    void wrongPasswordFailsConnectAndDoesNotRetry() {
        server.registered("alice", new Inbox());
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        TernClient impostor = TernClient.create(ClientConfig.builder(server.uri(), "alice", "wrong password!")
                .messageListener(new Inbox()).connectionListener((state, cause) -> states.add(state)).build());
        try {
            assertThatThrownBy(() -> await(impostor.connect())).cause()
                    .isInstanceOfSatisfying(TernClientException.class,
                            e -> assertThat(e.error()).isEqualTo("LOGIN_FAILED"));
            assertThat(states).containsExactly(ConnectionState.DISCONNECTED);
        } finally {
            impostor.close();
        }
    }

    @Test
    void aSessionReplacedByTheSameDeviceStopsAndFailsItsPendingWork() {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        TernClient first = server.client("alice", new Inbox(),
                b -> b.deviceId("tablet").connectionListener((state, cause) -> states.add(state)));
        await(first.register());
        await(first.connect());

        TernClient second = server.client("alice", new Inbox(), b -> b.deviceId("tablet"));
        await(second.connect());

        await().atMost(WAIT).until(() -> states.contains(ConnectionState.DISCONNECTED));
        assertThat(states).containsExactly(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED);
        assertThatThrownBy(() -> await(first.send(second.userId(), "too late"))).cause()
                .isInstanceOfSatisfying(TernClientException.class, e -> assertThat(e.error()).isEqualTo("KICKED"));
    }

    @Test
    void closeEndsTheClientsThreads() {
        TernClient alice = server.registered("alice", new Inbox());
        await(alice.send(alice.userId(), "note to self"));

        alice.close();

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("tern-client-") && name.contains("-events"));
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("tern-client-")));
        assertThatThrownBy(() -> await(alice.send(1, "after close"))).cause()
                .isInstanceOfSatisfying(TernClientException.class, e -> assertThat(e.error()).isEqualTo("CLOSED"));
    }
}
