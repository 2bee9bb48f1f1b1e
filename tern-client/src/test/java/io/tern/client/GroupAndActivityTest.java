package io.tern.client;

import static io.tern.client.LocalServer.await;
import static io.tern.client.LocalServer.conversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group sends, read receipts, typing notices and the HTTP directory, against a real server in this JVM. */
class GroupAndActivityTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    private LocalServer server;

    @BeforeEach
    void startServer() {
        // The server would drop typing notices within 2 s itself; here it passes all, so the client's own
        // throttle is what the typing test sees.
        server = new LocalServer(dataDir, Clock.systemUTC(), Map.of("delivery.typingInterval", "1ms"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void groupMessagesReachEveryMemberOnceInOrderTheSenderIncluded() {
        Inbox aliceInbox = new Inbox();
        Inbox bobInbox = new Inbox();
        Inbox carolInbox = new Inbox();
        TernClient alice = server.registered("alice", aliceInbox);
        TernClient bob = server.registered("bob", bobInbox);
        TernClient carol = server.registered("carol", carolInbox);
        GroupInfo team = await(alice.directory().createGroup("team", List.of(bob.userId(), carol.userId()), false));
        assertThat(team.conversationId()).isEqualTo("g:" + team.groupId());
        assertThat(team.memberCount()).isEqualTo(3);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (TernClient sender : List.of(alice, bob, carol)) {
                String text = sender.userId() + "-" + i;
                expected.add(text);
                Sent sent = await(sender.sendToGroup(team.groupId(), text));
                assertThat(sent.conversationId()).isEqualTo(team.conversationId());
            }
        }

        String conv = team.conversationId();
        long last = 1 + expected.size(); // seq 1 is the "created" event
        await().atMost(WAIT).until(() -> aliceInbox.of(conv).size() == last && bobInbox.of(conv).size() == last
                && carolInbox.of(conv).size() == last);
        for (Inbox inbox : List.of(aliceInbox, bobInbox, carolInbox)) {
            inbox.assertExactlyInOrder(conv, 1, last);
            assertThat(inbox.of(conv).get(0).contentType()).isEqualTo(100);
            assertThat(inbox.texts(conv).subList(1, (int) last)).containsExactlyElementsOf(expected);
            assertThat(inbox.of(conv)).allSatisfy(m -> assertThat(m.groupId()).isEqualTo(team.groupId()));
        }
    }

    @Test
    void sendingToAGroupOfWhichOneIsNoMemberFails() {
        TernClient alice = server.registered("alice", new Inbox());
        TernClient bob = server.registered("bob", new Inbox());
        GroupInfo team = await(alice.directory().createGroup("team", List.of(), false));

        assertThatThrownBy(() -> await(bob.sendToGroup(team.groupId(), "let me in")))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(TernClientException.class,
                        e -> assertThat(e.error()).isEqualTo("NOT_A_MEMBER"));
    }

    @Test
    void markReadReachesTheSenderAndTheReadersOtherDeviceAndClearsUnread() {
        Activities aliceSees = new Activities();
        Activities bobTabletSees = new Activities();
        TernClient alice = server.client("alice", new Inbox(), b -> b.activityListener(aliceSees));
        await(alice.register());
        await(alice.connect());
        Inbox bobInbox = new Inbox();
        TernClient bob = server.client("bob", bobInbox, b -> b.deviceId("phone"));
        await(bob.register());
        await(bob.connect());
        TernClient bobTablet = server.client("bob", new Inbox(), b -> b.deviceId("tablet")
                .activityListener(bobTabletSees));
        await(bobTablet.connect());
        String conv = conversation(alice.userId(), bob.userId());
        for (int i = 1; i <= 3; i++) {
            await(alice.send(bob.userId(), "m" + i));
        }
        await().atMost(WAIT).until(() -> bobInbox.of(conv).size() == 3);
        await().atMost(WAIT).until(() -> unread(bob, conv) == 3);

        bob.markRead(conv, 3);

        Activities.Read expected = new Activities.Read(conv, bob.userId(), 3);
        await().atMost(WAIT).until(() -> aliceSees.reads().contains(expected));
        await().atMost(WAIT).until(() -> bobTabletSees.reads().contains(expected));
        await().atMost(WAIT).until(() -> unread(bob, conv) == 0);
        // one READ, one notice each: exactly once, not merely present
        assertThat(aliceSees.reads()).containsOnlyOnce(expected);
        assertThat(bobTabletSees.reads()).containsOnlyOnce(expected);
        ConversationInfo info = await(bob.directory().conversations(10, 0)).get(0);
        assertThat(info.readSeq()).isEqualTo(3);
        assertThat(info.lastMessage().text()).isEqualTo("m3");
    }

    @Test
    void aReadMarkedWhileDisconnectedIsSentOnceReconnected() {
        Activities aliceSees = new Activities();
        TernClient alice = server.client("alice", new Inbox(), b -> b.activityListener(aliceSees));
        await(alice.register());
        await(alice.connect());
        Inbox bobInbox = new Inbox();
        TernClient bob = server.registered("bob", bobInbox);
        String conv = conversation(alice.userId(), bob.userId());
        await(alice.send(bob.userId(), "are you there?"));
        await().atMost(WAIT).until(() -> bobInbox.of(conv).size() == 1);

        // Both run on bob's event thread in this order: the read is set while there is no connection.
        bob.dropConnection();
        bob.markRead(conv, 1);

        Activities.Read expected = new Activities.Read(conv, bob.userId(), 1);
        await().atMost(WAIT).until(() -> aliceSees.reads().contains(expected));
        await(alice.send(bob.userId(), "after the read")); // a round trip: a second notice would be here by now
        await().atMost(WAIT).until(() -> bobInbox.texts(conv).contains("after the read"));
        assertThat(aliceSees.reads()).containsOnlyOnce(expected);
    }

    @Test
    void typingReachesTheOtherSideAndIsSentAtMostOnceASecond() {
        Activities aliceSees = new Activities();
        Inbox aliceInbox = new Inbox();
        TernClient alice = server.client("alice", aliceInbox, b -> b.activityListener(aliceSees));
        await(alice.register());
        await(alice.connect());
        TernClient bob = server.registered("bob", new Inbox());
        String conv = conversation(alice.userId(), bob.userId());
        await(alice.send(bob.userId(), "hi")); // the conversation exists once it has a message

        for (int i = 0; i < 20; i++) {
            bob.typing(conv); // a keystroke each
        }
        await(bob.send(alice.userId(), "typed"));

        // Bob's frames travel in order and a notice is relayed before a message is even stored: once alice
        // has the message, she has every notice sent before it.
        await().atMost(WAIT).until(() -> aliceInbox.texts(conv).contains("typed"));
        assertThat(aliceInbox.texts(conv)).containsOnlyOnce("typed");
        assertThat(aliceSees.typing()).containsExactly(new Activities.Typing(conv, bob.userId()));
    }

    @Test
    void directoryFindsUsersOnlineAndOffline() {
        TernClient alice = server.registered("alice", new Inbox());
        TernClient bob = server.registered("bob", new Inbox());
        long carolId = server.register("carol");
        TernClient dave = server.registered("dave", new Inbox()); // online, but shares nothing with alice
        await(alice.send(bob.userId(), "hi")); // presence is only for users who share a conversation

        assertThat(await(alice.directory().onlineUsers())).extracting(UserInfo::username)
                .containsExactly("alice", "bob");
        assertThat(await(alice.directory().user("carol"))).isEqualTo(new UserInfo(carolId, "carol", false));
        assertThat(await(alice.directory().user("dave"))).as("a stranger's presence is not told")
                .isEqualTo(new UserInfo(dave.userId(), "dave", false));
        assertThat(await(alice.directory().user("bob"))).isEqualTo(new UserInfo(bob.userId(), "bob", true));
        assertThat(await(alice.directory().users(List.of(bob.userId(), carolId, dave.userId()))))
                .extracting(UserInfo::username).containsExactly("bob");
        assertThatThrownBy(() -> await(alice.directory().user("nobody")))
                .cause().isInstanceOfSatisfying(TernClientException.class, e -> {
                    assertThat(e.error()).isEqualTo("NO_SUCH_USER");
                    assertThat(e.httpStatus()).isEqualTo(404);
                });
    }

    @Test
    void anOpenGroupCanBeJoinedAndItsNewMemberGetsWhatFollows() {
        TernClient alice = server.registered("alice", new Inbox());
        Inbox bobInbox = new Inbox();
        TernClient bob = server.registered("bob", bobInbox);
        GroupInfo closed = await(alice.directory().createGroup("private", List.of(), false));
        GroupInfo lobby = await(alice.directory().createGroup("lobby", List.of(), true));

        assertThatThrownBy(() -> await(bob.directory().joinGroup(closed.groupId())))
                .cause().isInstanceOfSatisfying(TernClientException.class,
                        e -> assertThat(e.error()).isEqualTo("FORBIDDEN"));
        await(bob.directory().joinGroup(lobby.groupId()));
        await(alice.sendToGroup(lobby.groupId(), "welcome"));

        assertThat(await(bob.directory().groups())).extracting(GroupInfo::name).containsExactly("lobby");
        assertThat(await(bob.directory().group(lobby.groupId())).memberCount()).isEqualTo(2);
        await().atMost(WAIT).until(() -> bobInbox.texts(lobby.conversationId()).contains("welcome"));
        assertThat(bobInbox.texts(lobby.conversationId())).containsOnlyOnce("welcome");
        // bob's join event and alice's message, each once, in seq order
        bobInbox.assertExactlyInOrder(lobby.conversationId(), 2, 3);
    }

    @Test
    void directoryNeedsALoginFirst() {
        TernClient alice = server.client("alice", new Inbox(), b -> b);

        assertThatThrownBy(() -> await(alice.directory().groups()))
                .cause().isInstanceOfSatisfying(TernClientException.class,
                        e -> assertThat(e.error()).isEqualTo("NOT_CONNECTED"));
    }

    private static long unread(TernClient client, String conversationId) {
        return await(client.directory().conversations(50, 0)).stream()
                .filter(c -> c.conversationId().equals(conversationId))
                .mapToLong(ConversationInfo::unread).findFirst().orElse(-1);
    }
}
