package io.tern.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.ChatPush;
import io.tern.protocol.PullResp;
import io.tern.protocol.RawJson;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Ordering, de-duplication and gap detection of one conversation, with fabricated frames and no network. */
class ConversationStateTest {
    private static final String CONV = "p:1:2";

    private final List<ChatPush> out = new ArrayList<>();

    private static ChatPush push(long seq) {
        return new ChatPush("m" + seq, CONV, seq, 1, 2L, 1000 + seq, "c" + seq,
                new RawJson("{\"contentType\":1,\"body\":\"" + seq + "\"}"));
    }

    private static PullResp page(boolean hasMore, long... seqs) {
        return new PullResp(CONV, LongStream.of(seqs).mapToObj(ConversationStateTest::push).toList(), hasMore, "r");
    }

    private List<Long> delivered() {
        return out.stream().map(ChatPush::seq).toList();
    }

    @Test
    void inOrderMessagesAreDeliveredAtOnceAndNeedNoPull() {
        ConversationState state = new ConversationState(CONV, 0);
        state.offer(push(1), out);
        state.offer(push(2), out);

        assertThat(delivered()).containsExactly(1L, 2L);
        assertThat(state.last()).isEqualTo(2);
        assertThat(state.needsPull()).isFalse();
        assertThat(state.takeAckDue()).isTrue();
        assertThat(state.takeAckDue()).isFalse();
    }

    @Test
    void aDuplicateIsDroppedButAckedAgain() {
        ConversationState state = new ConversationState(CONV, 0);
        state.offer(push(1), out);
        state.takeAckDue();

        state.offer(push(1), out);

        assertThat(delivered()).containsExactly(1L);
        assertThat(state.takeAckDue()).isTrue();
    }

    @Test
    void aGapHoldsLaterMessagesUntilThePullFillsIt() {
        ConversationState state = new ConversationState(CONV, 3);
        state.offer(push(6), out);
        state.offer(push(7), out);

        assertThat(delivered()).isEmpty();
        assertThat(state.needsPull()).isTrue();
        assertThat(state.pullStarted()).isEqualTo(3);
        assertThat(state.needsPull()).as("one pull at a time").isFalse();

        state.pulled(page(false, 4, 5, 6, 7), out);

        assertThat(delivered()).containsExactly(4L, 5L, 6L, 7L);
        assertThat(state.held()).isZero();
        assertThat(state.needsPull()).isFalse();
    }

    @Test
    void aPageWithMoreLeadsToTheNextPullFromWhereItEnded() {
        ConversationState state = new ConversationState(CONV, 0);
        state.expect(250);
        state.pullStarted();

        state.pulled(page(true, LongStream.rangeClosed(1, 100).toArray()), out);

        assertThat(state.needsPull()).isTrue();
        assertThat(state.pullStarted()).isEqualTo(100);
        state.pulled(page(true, LongStream.rangeClosed(101, 200).toArray()), out);
        state.pullStarted();
        state.pulled(page(false, LongStream.rangeClosed(201, 250).toArray()), out);
        assertThat(delivered()).containsExactlyElementsOf(LongStream.rangeClosed(1, 250).boxed().toList());
        assertThat(state.needsPull()).isFalse();
    }

    @Test
    void ownMessageAheadOfAMissingPushTriggersAPullAndIsDeliveredOnceInOrder() {
        ConversationState state = new ConversationState(CONV, 1);
        state.offer(push(3), out); // CHAT_RESP of our own send; seq 2 (the peer's) is not here yet

        assertThat(state.needsPull()).isTrue();
        state.pullStarted();
        state.offer(push(2), out); // the push arrives while the pull is under way
        state.pulled(page(false, 2, 3), out);

        assertThat(delivered()).containsExactly(2L, 3L);
        assertThat(state.needsPull()).isFalse();
    }

    @Test
    void anUnknownStartHoldsEverythingUntilTheStartIsKnown() {
        ConversationState state = new ConversationState(CONV, ConversationState.UNKNOWN);
        state.offer(push(9), out);
        state.offer(push(10), out);
        assertThat(delivered()).isEmpty();
        assertThat(state.needsPull()).isFalse();

        state.startAfter(6, out);

        assertThat(delivered()).isEmpty();
        assertThat(state.needsPull()).isTrue();
        state.pulled(page(false, 7, 8), out);
        assertThat(delivered()).containsExactly(7L, 8L, 9L, 10L);
    }

    @Test
    void startingAtTheFirstHeldMessageDeliversTheHeldOnes() {
        ConversationState state = new ConversationState(CONV, ConversationState.UNKNOWN);
        state.offer(push(41), out);
        state.offer(push(42), out);

        state.startAtFirstHeld(out);

        assertThat(delivered()).containsExactly(41L, 42L);
        assertThat(state.last()).isEqualTo(42);
    }

    @Test
    void aGapTheServerCannotFillIsSkippedInsteadOfPulledForever() {
        ConversationState state = new ConversationState(CONV, 2);
        state.offer(push(9), out);
        state.pullStarted();

        state.pulled(page(false, 6, 7), out); // 3..5 are gone (past retention)

        assertThat(delivered()).containsExactly(6L, 7L, 9L);
        assertThat(state.needsPull()).isFalse();
    }

    @Test
    void aMessageThatArrivesWhileAPullIsUnderWayIsPulledAgainNotSkipped() {
        ConversationState state = new ConversationState(CONV, 0);
        state.expect(3);
        state.pullStarted();
        state.offer(push(5), out); // committed after the server read the page below

        state.pulled(page(false, 1, 2, 3), out);

        assertThat(delivered()).containsExactly(1L, 2L, 3L);
        assertThat(state.needsPull()).isTrue();
        assertThat(state.pullStarted()).isEqualTo(3);
        state.pulled(page(false, 4, 5), out);
        assertThat(delivered()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(state.needsPull()).isFalse();
    }

    @Test
    void aLostConnectionReleasesTheUnansweredPull() {
        ConversationState state = new ConversationState(CONV, 0);
        state.expect(5);
        state.pullStarted();
        assertThat(state.needsPull()).isFalse();

        state.connectionLost();

        assertThat(state.needsPull()).isTrue();
    }
}
