package io.tern.server.core.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The order of reasons a due job is not sent, and what breaks through a mute. */
class DecisionTest {
    private static final long NOW = 1_000_000;
    private static final PushJob BURST = new PushJob(1, "g:1", 10, 0, 0, false, 3, 0);
    private static final PushJob MENTION = new PushJob(1, "g:1", 10, 0, 0, true, 3, 0);

    private static Decision decide(PushJob job, boolean group, long read, long delivered, boolean online,
                                   PushSettings settings, Mute mute) {
        return Decision.of(job, group, read, delivered, online, settings, mute, NOW, true);
    }

    @Test
    void readPastTheBurst_cancelsBeforeAnythingElse() {
        assertThat(decide(BURST, true, 10, 10, true, new PushSettings(true, NOW + 1), new Mute("g:1", null)))
                .isEqualTo(Decision.READ);
        assertThat(decide(BURST, true, 9, 0, false, PushSettings.DEFAULT, null)).isEqualTo(Decision.SEND);
    }

    @Test
    void onlineDevice_isSkippedOnlyWhenTheMessagesWereAcked() {
        assertThat(decide(BURST, false, 0, 10, true, PushSettings.DEFAULT, null)).isEqualTo(Decision.DELIVERED);
        assertThat(decide(BURST, false, 0, 9, true, PushSettings.DEFAULT, null)).isEqualTo(Decision.SEND);
        assertThat(decide(BURST, false, 0, 10, false, PushSettings.DEFAULT, null)).isEqualTo(Decision.SEND);
    }

    @Test
    void doNotDisturb_silencesEvenMentions_untilItEnds() {
        assertThat(decide(MENTION, true, 0, 0, false, new PushSettings(true, NOW + 1), null)).isEqualTo(Decision.DND);
        assertThat(decide(MENTION, true, 0, 0, false, new PushSettings(true, NOW), null)).isEqualTo(Decision.SEND);
    }

    @Test
    void mute_isBrokenByAMentionInAGroupOnly_andEnds() {
        Mute forever = new Mute("g:1", null);
        assertThat(decide(BURST, true, 0, 0, false, PushSettings.DEFAULT, forever)).isEqualTo(Decision.MUTED);
        assertThat(decide(MENTION, true, 0, 0, false, PushSettings.DEFAULT, forever)).isEqualTo(Decision.SEND);
        assertThat(decide(MENTION, false, 0, 0, false, PushSettings.DEFAULT, forever)).isEqualTo(Decision.MUTED);
        assertThat(decide(BURST, true, 0, 0, false, PushSettings.DEFAULT, new Mute("g:1", NOW))).isEqualTo(Decision.SEND);
    }

    @Test
    void noProvider_forThePlatform() {
        assertThat(Decision.of(BURST, false, 0, 0, false, PushSettings.DEFAULT, null, NOW, false))
                .isEqualTo(Decision.NO_PROVIDER);
    }

    @Test
    void contentMentions_areUserIdsAndEventsAreNotNotified() {
        PushContent c = PushContent.parse("{\"contentType\":1,\"body\":\"hi\",\"mentions\":[2,\"x\",3]}");
        assertThat(c.mentions()).containsExactlyInAnyOrder(2L, 3L);
        assertThat(c.notifiable()).isTrue();
        assertThat(PushContent.parse("{\"contentType\":100,\"event\":\"created\"}").notifiable()).isFalse();
        assertThat(PushContent.parse("not json").notifiable()).isFalse();
    }

    @Test
    void changeEvents_editRecallReaction_areNeverNotified_aReplyIs() {
        for (int type : new int[] {20, 21, 22}) {
            assertThat(PushContent.parse("{\"contentType\":" + type + ",\"target\":\"m1\",\"body\":\"x\"}")
                    .notifiable()).as("contentType %d", type).isFalse();
        }
        assertThat(PushContent.parse("{\"contentType\":1,\"body\":\"yes\",\"replyTo\":\"m1\"}").notifiable()).isTrue();
    }
}
