package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ConversationSummary;
import io.tern.protocol.Frame;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.protocol.RawJson;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Where each conversation's stream starts, catch-up pulls and acks, with fabricated frames and no network. */
class DeliveryTest {
    private final List<Frame> sent = new ArrayList<>();
    private final Inbox inbox = new Inbox();
    private final List<Throwable> errors = new ArrayList<>();
    private final Pulls pulls = new Pulls();

    private Delivery delivery(Map<String, Long> cursors) {
        return new Delivery(cursors, inbox, errors::add, sent::add, pulls, null);
    }

    private static ChatPush push(String conv, long seq) {
        return new ChatPush("m" + seq, conv, seq, 1, 2L, seq, null, new RawJson("{\"contentType\":1,\"body\":\"x\"}"));
    }

    private Pull lastPull() {
        Frame last = sent.get(sent.size() - 1);
        assertThat(last).isInstanceOf(Pull.class);
        return (Pull) last;
    }

    private void answer(Pull pull, boolean hasMore, long... seqs) {
        List<ChatPush> page = LongStream.of(seqs).mapToObj(s -> push(pull.conversationId(), s)).toList();
        pulls.complete(new PullResp(pull.conversationId(), page, hasMore, pull.reqId()));
    }

    @Test
    void aFreshDeviceSendsNoCursorsAndHoldsLivePushesUntilTheSummarySaysWhereItsBacklogStarts() {
        Delivery delivery = delivery(null);
        assertThat(delivery.connected().cursors()).isNull();

        delivery.onMessage(push("p:1:2", 8)); // live, but 6 and 7 are owed to this device too
        assertThat(inbox.messages()).isEmpty();
        delivery.onSyncResp(new SyncResp(List.of(new ConversationSummary("p:1:2", 5, 8, 3, 30, null)), null));

        Pull pull = lastPull();
        assertThat(pull.afterSeq()).isEqualTo(5);
        answer(pull, false, 6, 7, 8);
        inbox.assertExactlyInOrder("p:1:2", 6, 8);
        delivery.flushAcks();
        assertThat(sent).contains(Ack.of("p:1:2", 8));
        assertThat(delivery.cursors()).containsEntry("p:1:2", 8L);
        assertThat(errors).isEmpty();
    }

    @Test
    void aConversationNotInTheSummaryStartsAtItsFirstLiveMessage_onceASyncSaysNothingCameBefore() {
        Delivery delivery = delivery(null);
        delivery.connected();
        delivery.onSyncResp(new SyncResp(List.of(), null));

        delivery.onMessage(push("p:1:3", 42));
        // seq 41 and before may exist (their push lost with a node): held until the server says where to start
        assertThat(inbox.of("p:1:3")).isEmpty();
        assertThat(sent.get(sent.size() - 1)).isInstanceOf(Sync.class);
        delivery.onSyncResp(new SyncResp(List.of(), null));

        inbox.assertExactlyInOrder("p:1:3", 42, 42);
        assertThat(sent).noneMatch(Pull.class::isInstance);
        Sync next = delivery.connected();
        assertThat(next.cursors()).containsExactlyEntriesOf(Map.of("p:1:3", 42L));
    }

    @Test
    void aLiveMessageWhoseEarlierOnesWereNeverPushed_makesTheClientPullThem() {
        Delivery delivery = delivery(null);
        delivery.connected();
        delivery.onSyncResp(new SyncResp(List.of(), null));

        delivery.onMessage(push("p:1:4", 2)); // the push of seq 1 went down with a node
        delivery.onSyncResp(new SyncResp(List.of(new io.tern.protocol.ConversationSummary("p:1:4", 0, 2, 2, 20, null)),
                null));

        assertThat(lastPull().afterSeq()).isEqualTo(0);
        answer(lastPull(), false, 1, 2);
        inbox.assertExactlyInOrder("p:1:4", 1, 2);
    }

    @Test
    void savedCursorsAreSentAndTheBacklogIsPulledInPages() {
        Delivery delivery = delivery(Map.of("p:1:2", 3L));
        assertThat(delivery.connected().cursors()).containsExactlyEntriesOf(Map.of("p:1:2", 3L));

        delivery.onSyncResp(new SyncResp(List.of(new ConversationSummary("p:1:2", 3, 250, 247, 0, null)), null));
        answer(lastPull(), true, LongStream.rangeClosed(4, 103).toArray());
        assertThat(lastPull().afterSeq()).isEqualTo(103);
        answer(lastPull(), true, LongStream.rangeClosed(104, 203).toArray());
        answer(lastPull(), false, LongStream.rangeClosed(204, 250).toArray());

        inbox.assertExactlyInOrder("p:1:2", 4, 250);
        assertThat(sent.stream().filter(Pull.class::isInstance).count()).isEqualTo(3);
    }

    @Test
    void aLostConnectionCutsThePullOffQuietlyAndTheNextSyncResumesFromTheCursor() {
        Delivery delivery = delivery(Map.of("p:1:2", 0L));
        delivery.connected();
        delivery.onSyncResp(new SyncResp(List.of(new ConversationSummary("p:1:2", 0, 5, 5, 0, null)), null));
        answer(lastPull(), true, 1, 2);

        delivery.connectionLost();
        pulls.failAll(TernClientException.local("NOT_CONNECTED", "lost"));
        assertThat(errors).isEmpty();

        assertThat(delivery.connected().cursors()).containsEntry("p:1:2", 2L);
        delivery.onSyncResp(new SyncResp(List.of(new ConversationSummary("p:1:2", 2, 5, 3, 0, null)), null));
        answer(lastPull(), false, 3, 4, 5);
        inbox.assertExactlyInOrder("p:1:2", 1, 5);
    }
}
