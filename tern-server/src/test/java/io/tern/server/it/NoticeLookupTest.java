package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.protocol.Pong;
import io.tern.protocol.Read;
import io.tern.protocol.Typing;
import io.tern.server.TernServer;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.CursorUpdate;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.Membership;
import io.tern.server.support.ForwardingGroupStore;
import io.tern.server.support.ForwardingMessageStore;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Store work for notices never runs on an event loop, and what waits for the store is bounded. */
class NoticeLookupTest {
    private static final long GROUP = 424_242;
    private final CountDownLatch release = new CountDownLatch(1);
    private TestServer server;

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private void waitForRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void typingAndRead_lookups_runOffTheEventLoop() {
        // every read of the group waits until the test lets it go: on an event loop it would stall the connection
        server = TestServer.start(Map.of(), TernServer.Environment.system()
                .withMessageStore(real -> new ForwardingMessageStore(real) {
                    @Override
                    public Optional<Membership> membership(long userId, String conversationId) {
                        if (conversationId.equals("g:" + GROUP)) {
                            waitForRelease();
                        }
                        return super.membership(userId, conversationId);
                    }
                })
                .withGroupStore(real -> new ForwardingGroupStore(real) {
                    @Override
                    public long membersSeq(long groupId) {
                        if (groupId == GROUP) {
                            waitForRelease();
                        }
                        return super.membersSeq(groupId);
                    }

                    @Override
                    public List<Long> memberIds(long groupId) {
                        if (groupId == GROUP) {
                            waitForRelease();
                        }
                        return super.memberIds(groupId);
                    }
                }));
        TestUser alice = server.user("alice");
        try (WsTestClient a = server.connect(alice)) {
            a.send(new Typing("g:" + GROUP));
            a.send(new Read("g:" + GROUP, 1L));
            a.send("{\"type\":40}");
            a.next(Pong.class); // answered while both lookups still wait
            release.countDown();
            assertThat(a.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
            assertThat(a.next(ErrorFrame.class).error()).isEqualTo("NOT_A_MEMBER");
        }
    }

    @Test
    void writerQueue_isBoundedByBytes() {
        CountDownLatch committing = new CountDownLatch(1);
        server = TestServer.start(Map.of("delivery.writerQueueBytes", "1048576"), TernServer.Environment.system()
                .withMessageStore(real -> new ForwardingMessageStore(real) {
                    @Override
                    public List<Appended> commit(List<Draft> drafts, List<CursorUpdate> cursors, long now,
                                                 Supplier<String> msgIds) {
                        if (!drafts.isEmpty() && committing.getCount() > 0) {
                            committing.countDown(); // the writer holds this batch: everything else queues
                            waitForRelease();
                        }
                        return super.commit(drafts, cursors, now, msgIds);
                    }
                }));
        TestUser alice = server.user("alice");
        TestUser bob = server.user("bob");
        try (WsTestClient a = server.connect(alice)) {
            a.send(ChatTest.chat("first", bob.userId(), "held in the commit"));
            try {
                assertThat(committing.await(15, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            String big = "x".repeat(30_000);
            int sent = 60; // 60 x 30 kB is far more than 1 MiB
            for (int i = 0; i < sent; i++) {
                a.send(ChatTest.chat("big" + i, bob.userId(), big));
            }
            // at most 1 MiB / 30 kB = 34 fit: the rest are refused at once, while the writer is still held
            List<ErrorFrame> refused = new ArrayList<>();
            for (int i = 0; i < sent - 34; i++) {
                refused.add(a.next(ErrorFrame.class));
            }
            assertThat(refused).allSatisfy(e -> assertThat(e.error()).isEqualTo("UNAVAILABLE"));
            release.countDown();
            List<Frame> answers = new ArrayList<>();
            for (int i = refused.size(); i < sent + 1; i++) {
                answers.add(a.next(Frame.class, f -> f instanceof ChatResp || f instanceof ErrorFrame));
            }
            long accepted = answers.stream().filter(f -> f instanceof ChatResp).count();
            assertThat(accepted).as("\"first\" and the drafts that fit in the bytes bound").isBetween(2L, 35L);
        }
    }
}
