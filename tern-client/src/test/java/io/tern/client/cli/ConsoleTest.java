package io.tern.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.client.LocalServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console client driven through its input and output against a real server in this JVM. */
class ConsoleTest {
    @TempDir
    Path dataDir;
    private LocalServer server;
    private final List<ConsoleDriver> consoles = new ArrayList<>();
    private long aliceId;
    private long bobId;

    @BeforeEach
    void startServer() {
        server = new LocalServer(dataDir);
        aliceId = server.register("alice");
        bobId = server.register("bob");
    }

    @AfterEach
    void stop() throws Exception {
        for (ConsoleDriver console : consoles) {
            console.close();
            System.out.println("=== TRANSCRIPT\n" + console.output().replace("\r", "<CR>").replace("\u001b", "<ESC>"));
        }
        server.close();
    }

    @Test
    void twoConsolesChatPrivatelyByNameAndById() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");

        alice.type("@bob hello bob");
        alice.expect("you -> bob: hello bob  [sent #1]");
        bob.expect("] alice: hello bob");

        bob.type(aliceId + ";;hi alice, by id");
        bob.expect("you -> alice: hi alice, by id  [sent #2]");
        alice.expect("] bob: hi alice, by id");

        alice.type(":olu");
        alice.expect("2 online (id  name):").expect(aliceId + "  alice (you)").expect(bobId + "  bob");
    }

    @Test
    void openConversationTakesPlainTextAndShowsWhenThePeerHasRead() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");

        alice.type(":open bob").expect("talking to bob; plain text goes there");
        alice.type("first");
        alice.expect("you -> bob: first  [sent #1]");
        bob.expect("] alice: first");

        bob.type(":open alice").expect("talking to alice");
        alice.expect("bob has read your messages up to #1");

        // While bob has the conversation open, what arrives there is read at once.
        alice.type("second");
        bob.expect("] alice: second");
        alice.expect("bob has read your messages up to #2");
        bob.type("::-) a reply that starts with a colon");
        alice.expect("] bob: :-) a reply that starts with a colon");
    }

    @Test
    void groupChatThroughCreateAndOpen() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");

        alice.type(":create team bob").expect("created #team (id ");
        bob.expect("#team | * alice created the group with you");
        alice.type(":open #team").expect("talking to #team");
        alice.type("hello team");
        bob.expect("#team | alice: hello team");
        alice.expect("#team | you: hello team  [sent #2]");

        bob.type(":open #team").expect("talking to #team");
        bob.type("hi all");
        alice.expect("#team | bob: hi all");
        bob.type(":groups").expect("your groups (id  name):").expect("team  (2 members)");
    }

    @Test
    void anOpenGroupIsJoinedById() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");

        alice.type(":create --open lobby").expect("created #lobby (id ");
        String id = alice.recent().replaceAll("(?s)^(\\d+).*", "$1");
        bob.type(":join " + id).expect("joined #lobby (id " + id + ")");
        alice.expect("#lobby | * bob joined");
        bob.type(":open #lobby").expect("talking to #lobby");
        bob.type("thanks for having me");
        alice.expect("#lobby | bob: thanks for having me");
    }

    @Test
    void offlineMessagesHistoryUnreadAndRead() throws Exception {
        ConsoleDriver alice = console("alice");
        alice.type(":open bob").expect("talking to bob");
        for (int i = 1; i <= 3; i++) {
            alice.type("offline " + i).expect("[sent #" + i + "]");
        }

        ConsoleDriver bob = console("bob");
        bob.expect("alice: offline 1").expect("alice: offline 2").expect("alice: offline 3");
        bob.type(":unread").expect("unread:").expect("alice  3  last: alice: offline 3");

        bob.type(":history alice 2").expect("-- last 2 with alice (older ones: :history alice 200) --")
                .expect("#2 [").expect("alice: offline 2").expect("#3 [").expect("alice: offline 3");
        bob.type(":history alice").expect("-- last 3 with alice --").expect("#1 [");

        bob.type(":read alice").expect("marked alice read up to #3");
        alice.expect("bob has read your messages up to #3");
        await().atMost(ConsoleDriver.WAIT).untilAsserted(() -> {
            bob.type(":unread");
            assertThat(bob.recent()).contains("nothing unread");
        });
    }

    @Test
    void editReactReplyAndRecallByTheNumberPrintedWithAMessage() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");
        alice.type(":open bob").expect("talking to bob");
        bob.type(":open alice").expect("talking to alice");
        alice.type("helo").expect("you -> bob: helo  [sent #1]");
        bob.expect("] alice: helo");

        alice.type(":edit 1 hello").expect("edit of #1 stored as #2");
        bob.expect("alice: (edited a message: hello)");
        bob.type(":react 1 👍").expect("react of #1 stored as #3");
        alice.expect("bob: (reacted 👍)");
        bob.type(":reply 1 hi back").expect("reply of #1 stored as #4");
        alice.expect("bob: hi back");
        bob.type(":edit 1 not mine").expect("NOT_AUTHOR");
        alice.type(":recall 1").expect("recall of #1 stored as #5");
        bob.expect("alice: (recalled a message)");
        bob.type(":history alice").expect("(message recalled)");
    }

    @Test
    void delaySendsTheTextAfterTheGivenSeconds_keptByTheServer() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");
        alice.type(":open bob").expect("talking to bob");
        alice.type(":delay see you in a second 1").expect("for bob in 1 s");
        bob.expect("alice: see you in a second");
        alice.type(":delay no seconds").expect(":delay <text> <seconds>");
    }

    @Test
    void qWithAKeywordSearchesTheServer_inEnglishAndChinese_andQAloneStillQuits() throws Exception {
        ConsoleDriver alice = console("alice");
        alice.type(":open bob").expect("talking to bob");
        alice.type("the weather is fine").expect("[sent #1]");
        alice.type("今天天气很好").expect("[sent #2]");
        alice.type("nothing else").expect("[sent #3]");

        ConsoleDriver bob = console("bob");
        bob.expect("alice: nothing else");
        bob.type(":q WEATHER").expect("-- 1 with \"WEATHER\", newest first --").expect("#1 [")
                .expect("alice: the weather is fine");
        bob.type(":q 天气").expect("-- 1 with \"天气\"").expect("alice: 今天天气很好");
        bob.type(":search 下雨了").expect("no messages with \"下雨了\"");
        bob.type(":q x").expect("SEARCH_QUERY_TOO_SHORT");
        bob.type(":q").expect("bye");
    }

    @Test
    void puFindsUsersByTheStartOfTheirName() throws Exception {
        long alanId = server.register("alan");
        ConsoleDriver bob = console("bob");
        bob.type(":pu AL").expect("2 found (id  name):").expect(alanId + "  alan").expect(aliceId + "  alice");
        bob.type(":pu zz").expect("no user name starts with \"zz\"");
        bob.type(":pu").expect("usage: :pu <prefix>");
    }

    @Test
    void blockStopsDirectMessagesBothWays_andUnblockLiftsIt() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");
        bob.type(":block alice").expect("blocked alice");
        alice.type("@bob are you there?").expect("RECIPIENT_REFUSED");
        bob.type("@alice hello").expect("USER_BLOCKED");
        bob.type(":unblock alice").expect("unblocked alice");
        alice.type("@bob now?").expect("you -> bob: now?  [sent #1]");
        bob.expect("] alice: now?");
    }

    @Test
    void contactsAreAskedAcceptedListedAndRemoved_andPrivacyIsShownAndSet() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");
        alice.type(":contact add bob").expect("asked bob to be a contact");
        bob.type(":contacts").expect("asking you (:contact accept|decline <user>): alice");
        alice.type(":contacts").expect("you asked: bob");
        bob.type(":contact accept alice").expect("alice is now a contact");
        alice.type(":contacts").expect("contacts: bob (online)");
        bob.type(":privacy presence nobody").expect("presence and last seen: nobody; read receipts: everyone");
        alice.type(":contacts").expect("contacts: bob");
        assertThat(alice.recent()).doesNotStartWith(" (online)"); // the notice is printed whole
        alice.type(":block bob").expect("blocked bob");
        alice.type(":contacts").expect("blocked: bob");
        alice.type(":contact remove bob").expect("removed bob from your contacts");
        alice.type(":contacts").expect("contacts: none");
        alice.type(":privacy receipts sometimes").expect(":privacy [presence|receipts everyone|contacts|nobody]");
    }

    @Test
    void quitEndsTheSessionAndReleasesItsThreads() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");
        alice.type("@bob one last thing");

        alice.type(":q").expect("bye");
        bob.type(":q!").expect("bye");

        assertThat(alice.exitCode()).isZero();
        assertThat(bob.exitCode()).isZero();
        assertThat(alice.output()).contains("you -> bob: one last thing  [sent #1]");
        await().atMost(ConsoleDriver.WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName)
                .noneMatch(n -> n.startsWith("tern-cli-") || n.startsWith("tern-client-")));
    }

    @Test
    void endOfInputQuitsLikeQ() throws Exception {
        ConsoleDriver alice = console("alice");

        alice.endInput();

        alice.expect("bye");
        assertThat(alice.exitCode()).isZero();
    }

    @Test
    void anUnknownUserIsOfferedToRegisterAndThePasswordIsNeverShown() throws Exception {
        ConsoleDriver dave = new ConsoleDriver(server.uri(), "dave");
        consoles.add(dave);

        dave.expect("password for dave: ").type("dave's secret");
        dave.expect("register dave? [y/N] ").type("y");
        dave.expect("repeat the password: ").type("dave's secret");
        dave.expect("registered dave (id ").expect("logged in to ");
        dave.type("@alice hi, I am new here").expect("[sent #1]");

        assertThat(dave.output()).doesNotContain("dave's secret");
    }

    @Test
    void registeringATakenNameSaysThePasswordWasWrongAndAsksAgain() throws Exception {
        ConsoleDriver alice = new ConsoleDriver(server.uri(), "alice");
        consoles.add(alice);

        alice.expect("password for alice: ").type("not the password");
        alice.expect("register alice? [y/N] ").type("y");
        alice.expect("repeat the password: ").type("not the password");
        alice.expect("alice exists already, so the password was wrong");
        alice.expect("password for alice: ").type(LocalServer.PASSWORD);
        alice.expect("logged in to ");
    }

    @Test
    void declinedRegistrationsEndTheConsoleAfterThreeAttempts() throws Exception {
        ConsoleDriver eve = new ConsoleDriver(server.uri(), null);
        consoles.add(eve);

        eve.expect("username: ").type("eve");
        for (int i = 0; i < 3; i++) {
            eve.expect("password for eve: ").type("guess " + i);
            eve.expect("register eve? [y/N] ").type("n");
        }
        eve.expect("giving up after 3 attempts");
        assertThat(eve.exitCode()).isEqualTo(1);
    }

    @Test
    void mistakesGetHelpfulMessages() throws Exception {
        ConsoleDriver alice = console("alice");

        alice.type(":olx").expect("! unknown command :olx (did you mean :olu?); :help lists the commands");
        alice.type(":open").expect("! usage: :open <user|#group> — talk to a user or a group");
        alice.type("hello?").expect("! no conversation is open: ':open <user|#group>' first, or '@user message'");
        alice.type("@nobody hi").expect("! no user called nobody (:olu lists who is online)");
        alice.type("999;;hi").expect("! no user has the id 999 (:olu lists ids)");
        alice.type(":open #nogroup").expect("! you are in no group #nogroup");
        alice.type(":join abc").expect("! 'abc' is not a group id");
        alice.type(":help").expect("commands:").expect(":olu").expect(":q!");
        alice.type(":all").expect("commands:");
    }

    @Test
    void reconnectsByItselfAndSaysSo() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");
        int port = server.port();

        server.close();
        alice.expect("connection lost (").expect("); reconnecting...");
        bob.expect("connection lost (").expect("); reconnecting...");
        server = new LocalServer(dataDir, Clock.systemUTC(), Map.of("server.port", String.valueOf(port)));
        alice.expect("reconnected");
        bob.expect("reconnected");

        alice.type("@bob still here?");
        bob.expect("] alice: still here?");
    }

    private ConsoleDriver console(String username) throws Exception {
        ConsoleDriver console = ConsoleDriver.loggedIn(server, username);
        consoles.add(console);
        return console;
    }
}
