package io.tern.server.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.server.support.PushReceiver;
import io.tern.server.support.ServerProcess;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Jobs are durable: a restart, clean or by SIGKILL, with notifications queued and failing, neither loses one nor
 * sends one twice.
 */
class PushRestartTest {

    @Test
    void restartWithAFailingJobQueued_sendsItOnceAfterwards() throws Exception {
        try (PushReceiver receiver = PushReceiver.start()) {
            PushFixture fx = new PushFixture(PushFixture.webhook(receiver.url("/hook")));
            try {
                TestUser alice = fx.user("alice", "a1");
                TestUser bob = fx.user("bob", "b1");
                fx.registerWebhook(bob, "bob-phone");
                receiver.answerAlways(500);
                WsTestClient a = fx.server.connect(alice);
                PushFixture.send(a, PushFixture.chat("m1", bob.userId(), "before the restart"));
                a.close();
                fx.awaitQueued();
                fx.advanceUntil(() -> receiver.requests().size() >= 1);

                fx.server = fx.server.restart();
                receiver.answerNormally();
                fx.awaitQueued();
                fx.advanceUntil(() -> receiver.requests().stream().anyMatch(r -> r.answered() == 201));
                // a second burst after it proves the first is not sent again
                WsTestClient again = fx.server.connect(alice);
                PushFixture.send(again, PushFixture.chat("m2", bob.userId(), "after the restart"));
                again.close();
                fx.awaitQueued();
                fx.advanceUntil(() -> receiver.requests().stream().filter(r -> r.answered() == 201).count() >= 2);
                List<String> delivered = receiver.requests().stream().filter(r -> r.answered() == 201)
                        .map(r -> r.json().get("body").asText()).toList();
                assertThat(delivered).containsExactly("before the restart", "after the restart");
            } finally {
                fx.close();
            }
        }
    }

    @Test
    void sigkillWithJobsQueued_losesNoneAndDuplicatesNone() throws Exception {
        Path dataDir = Files.createTempDirectory("tern-push-kill");
        try (PushReceiver receiver = PushReceiver.start()) {
            String[] args = {"--set", "push.webhook.url=" + receiver.url("/hook"), "--set",
                    "push.webhook.secret=" + PushFixture.SECRET, "--set", "push.delay=1s", "--set",
                    "push.pollInterval=50ms", "--set", "push.retryInitial=1s"};
            receiver.answerAlways(500);
            TestUser bob;
            String aliceConversation;
            String carolConversation;
            try (ServerProcess first = ServerProcess.start(dataDir, args)) {
                TestUser alice = first.http().registerAndLogin("alice", "a1");
                TestUser carol = first.http().registerAndLogin("carol", "c1");
                bob = first.http().registerAndLogin("bob", "b1");
                assertThat(first.http().post("/api/push/devices", "{\"platform\":\"webhook\",\"token\":\"bob-phone\"}",
                        bob.token()).status()).isEqualTo(201);
                for (TestUser from : List.of(alice, carol)) {
                    try (WsTestClient c = WsTestClient.connect(first.wsUrl() + "?token=" + from.token())) {
                        for (int i = 0; i < 5; i++) {
                            PushFixture.send(c, PushFixture.chat(from.username() + i, bob.userId(), from.username() + " " + i));
                        }
                    }
                }
                aliceConversation = "p:" + alice.userId() + ":" + bob.userId();
                carolConversation = "p:" + Math.min(carol.userId(), bob.userId()) + ":" + Math.max(carol.userId(), bob.userId());
                // both jobs were tried (and failed): they are in the store when the process dies
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().stream()
                        .map(r -> r.json().get("conversationId").asText()).distinct().count() == 2);
                first.kill();
            }
            receiver.answerNormally();
            try (ServerProcess second = ServerProcess.start(dataDir, args)) {
                // a send the kill interrupted holds its job until its 30 s lease ends, then goes out again
                await().atMost(Duration.ofSeconds(60)).until(() -> delivered(receiver).size() == 2);
                // a marker burst: once it is delivered, a duplicate of the first two would have gone out before it
                TestUser alice = second.http().login("alice", "a1");
                try (WsTestClient c = WsTestClient.connect(second.wsUrl() + "?token=" + alice.token())) {
                    PushFixture.send(c, PushFixture.chat("marker", bob.userId(), "marker"));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> delivered(receiver).values().stream()
                        .mapToLong(Long::longValue).sum() == 3);
                assertThat(delivered(receiver)).containsExactlyInAnyOrderEntriesOf(
                        Map.of(aliceConversation, 2L, carolConversation, 1L));
                assertThat(receiver.requests().stream().filter(r -> r.answered() == 201)
                        .filter(r -> r.json().get("conversationId").asText().equals(carolConversation)))
                        .singleElement().satisfies(r -> {
                            assertThat(r.json().get("messages").asInt()).isEqualTo(5);
                            assertThat(r.json().get("body").asText()).isEqualTo("carol 4 (+4 more)");
                        });
            }
        } finally {
            TestServer.deleteRecursively(dataDir);
        }
    }

    private static Map<String, Long> delivered(PushReceiver receiver) {
        return receiver.requests().stream().filter(r -> r.answered() == 201)
                .collect(Collectors.groupingBy(r -> r.json().get("conversationId").asText(), Collectors.counting()));
    }
}
