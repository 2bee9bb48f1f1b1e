package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.server.TernServer;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.CursorUpdate;
import io.tern.server.core.message.Draft;
import io.tern.server.support.ForwardingGroupStore;
import io.tern.server.support.ForwardingMessageStore;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A thread the node cannot run without dies of an Error: the node reports it as fatal (Main then exits), stops
 * answering ready, and fails what waited on it instead of leaving clients hanging.
 */
class FatalErrorTest {
    private final List<String> fatal = new CopyOnWriteArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private TernServer.Environment recordingFatal() {
        return TernServer.Environment.system().withFatal((thread, error) -> fatal.add(thread));
    }

    @Test
    void writerError_failsPendingSends_flipsReadiness_andReportsFatal() {
        AtomicBoolean broken = new AtomicBoolean();
        server = TestServer.start(Map.of(), recordingFatal().withMessageStore(real -> new ForwardingMessageStore(real) {
            @Override
            public List<Appended> commit(List<Draft> drafts, List<CursorUpdate> cursors, long now,
                                         Supplier<String> msgIds) {
                if (broken.get()) {
                    throw new OutOfMemoryError("test: the writer runs out of memory");
                }
                return super.commit(drafts, cursors, now, msgIds);
            }
        }));
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice)) {
            a.send(ChatTest.chat("ok", bob.userId(), "stored"));
            a.next(ChatResp.class);
            assertThat(server.http().get("/readyz", null).status()).isEqualTo(200);

            broken.set(true);
            a.send(ChatTest.chat("lost", bob.userId(), "the commit throws an Error"));
            ErrorFrame failed = a.next(ErrorFrame.class);
            assertThat(failed.clientMsgId()).isEqualTo("lost");
            assertThat(failed.error()).isEqualTo("UNAVAILABLE");
            await().untilAsserted(() -> assertThat(fatal).containsExactly("tern-writer"));
            assertThat(server.http().get("/readyz", null).status()).isEqualTo(503);
            assertThat(server.server().healthy()).isFalse();

            a.send(ChatTest.chat("after", bob.userId(), "nobody takes it any more"));
            assertThat(a.next(ErrorFrame.class).error()).isEqualTo("UNAVAILABLE");
        }
    }

    @Test
    void deliveryThreadError_flipsReadiness_andReportsFatal() {
        server = TestServer.start(Map.of(), recordingFatal().withGroupStore(real -> new ForwardingGroupStore(real) {
            @Override
            public List<Long> memberIds(long groupId) {
                if (Thread.currentThread().getName().equals("tern-delivery")) {
                    throw new StackOverflowError("test: fan-out dies on the delivery thread");
                }
                return super.memberIds(groupId);
            }
        }));
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        // the group's creation event is fanned out on the delivery thread, which loads its members
        server.http().post("/api/groups", "{\"name\":\"t\",\"memberIds\":[" + bob.userId() + "]}", alice.token());
        await().untilAsserted(() -> assertThat(fatal).containsExactly("tern-delivery"));
        assertThat(server.http().get("/readyz", null).status()).isEqualTo(503);
        try (WsTestClient a = server.connect(alice)) {
            a.send(ChatTest.chat("after", bob.userId(), "refused, not left hanging"));
            assertThat(a.next(ErrorFrame.class).error()).isEqualTo("UNAVAILABLE");
        }
    }
}
