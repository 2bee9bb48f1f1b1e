package io.tern.server.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.FakeTicker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingCursorsTest {
    private static final String GROUP = ConversationIds.group(9);

    private final FakeTicker ticker = new FakeTicker();
    private final PendingCursors cursors = new PendingCursors(ticker, Duration.ofMillis(200));

    /** A delivered cursor is written: the next ones wait for the delay from now. */
    private void justWritten() {
        cursors.delivered(99, GROUP, 1);
        assertThat(cursors.take(List.of())).containsExactly(new CursorUpdate(99, GROUP, 1, 0));
    }

    @Test
    void aDeliveredCursorAfterAQuietMoment_goesWithTheNextBatch() {
        assertThat(cursors.take(List.of())).as("nothing pending").isEmpty();
        cursors.delivered(1, GROUP, 5);
        assertThat(cursors.take(List.of())).containsExactly(new CursorUpdate(1, GROUP, 5, 0));
    }

    @Test
    void deliveredCursors_waitForTheDelay_mergedIntoOneWrite() {
        justWritten();
        cursors.delivered(1, GROUP, 5);
        cursors.delivered(1, GROUP, 7);
        cursors.delivered(1, GROUP, 6);
        cursors.delivered(2, GROUP, 7);
        ticker.advance(Duration.ofMillis(1));
        assertThat(cursors.take(List.of())).as("written 200 ms after the last write, not before").isEmpty();
        ticker.advance(Duration.ofMillis(199));
        assertThat(cursors.take(List.of())).containsExactlyInAnyOrder(new CursorUpdate(1, GROUP, 7, 0),
                new CursorUpdate(2, GROUP, 7, 0));
        cursors.delivered(1, GROUP, 8);
        assertThat(cursors.take(List.of())).as("the next ones wait again").isEmpty();
    }

    @Test
    void readCursors_goWithTheNextBatch() {
        justWritten();
        cursors.read(1, GROUP, 4);
        cursors.delivered(2, GROUP, 4);
        assertThat(cursors.take(List.of())).containsExactly(new CursorUpdate(1, GROUP, 4, 4));
    }

    @Test
    void aSendersDeliveredCursor_goesWithTheirMessage() {
        justWritten();
        cursors.delivered(1, GROUP, 4);
        cursors.delivered(2, GROUP, 4);
        Draft reply = Draft.group(1, "c1", 9, "{\"contentType\":1,\"body\":\"hi\"}");
        assertThat(cursors.take(List.of(reply))).as("the sender's, not the other member's")
                .containsExactly(new CursorUpdate(1, GROUP, 4, 0));
    }

    @Test
    void aFailedCommit_givesItsCursorsBack() {
        cursors.delivered(1, GROUP, 4);
        cursors.read(2, GROUP, 3);
        List<CursorUpdate> taken = cursors.take(List.of());
        assertThat(taken).hasSize(2);
        cursors.giveBack(taken);
        cursors.delivered(1, GROUP, 2);
        assertThat(cursors.takeAll()).containsExactlyInAnyOrder(new CursorUpdate(1, GROUP, 4, 0),
                new CursorUpdate(2, GROUP, 3, 3));
    }

    @Test
    void noDelay_writesEveryBatch() {
        PendingCursors every = new PendingCursors(ticker, Duration.ZERO);
        every.delivered(1, GROUP, 4);
        assertThat(every.take(List.of())).containsExactly(new CursorUpdate(1, GROUP, 4, 0));
        every.delivered(1, GROUP, 5);
        assertThat(every.take(List.of())).containsExactly(new CursorUpdate(1, GROUP, 5, 0));
    }
}
