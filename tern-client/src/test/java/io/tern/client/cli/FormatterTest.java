package io.tern.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.client.ConversationInfo;
import io.tern.client.GroupInfo;
import io.tern.client.Message;
import io.tern.client.UserInfo;
import io.tern.protocol.RawJson;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FormatterTest {
    private static final long ME = 1;
    private static final Instant NOW = Instant.parse("2025-03-04T12:30:00Z");
    private static final long TODAY = Instant.parse("2025-03-04T09:05:00Z").toEpochMilli();
    private static final long YESTERDAY = Instant.parse("2025-03-03T23:59:00Z").toEpochMilli();

    private final Labels labels = new Labels() {
        private final Map<Long, String> users = Map.of(1L, "alice", 2L, "bob", 3L, "carol");

        @Override
        public String user(long userId) {
            return users.getOrDefault(userId, "user " + userId);
        }

        @Override
        public String group(long groupId) {
            return groupId == 7 ? "team" : "group " + groupId;
        }
    };
    private final Formatter formatter = new Formatter(ME, labels, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void privateMessagesInAndOutTheOwnMarkedSentWithItsSeq() {
        assertThat(formatter.message(text("p:1:2", 3, 2, 1L, null, "hello"))).isEqualTo("[09:05] bob: hello");
        assertThat(formatter.message(text("p:1:2", 4, 1, 2L, null, "hi"))).isEqualTo("[09:05] you -> bob: hi  [sent #4]");
        assertThat(formatter.historyLine(text("p:1:2", 4, 1, 2L, null, "hi"))).isEqualTo("#4 [09:05] you -> bob: hi");
    }

    @Test
    void groupMessagesNameTheGroup() {
        assertThat(formatter.message(text("g:7", 5, 3, null, 7L, "hi all"))).isEqualTo("[09:05] #team | carol: hi all");
        assertThat(formatter.message(text("g:7", 6, 1, null, 7L, "hey"))).isEqualTo("[09:05] #team | you: hey  [sent #6]");
    }

    @Test
    void groupEventsSayWhoDidWhat() {
        assertThat(formatter.message(event(2, "{\"contentType\":100,\"event\":\"created\",\"actorId\":2,"
                + "\"userIds\":[2,1,3],\"name\":\"team\"}"))).isEqualTo("[09:05] #team | * bob created the group with you, carol");
        assertThat(formatter.message(event(3, "{\"contentType\":100,\"event\":\"joined\",\"actorId\":3,\"userIds\":[3]}")))
                .isEqualTo("[09:05] #team | * carol joined");
        assertThat(formatter.message(event(1, "{\"contentType\":100,\"event\":\"removed\",\"actorId\":1,\"userIds\":[2]}")))
                .isEqualTo("[09:05] #team | * you removed bob");
    }

    @Test
    void olderMessagesShowTheirDateAndOtherContentItsKind() {
        Message image = new Message("m", "p:1:2", 1, 2, 1L, null, YESTERDAY, "c", new RawJson("{\"contentType\":2,\"url\":\"x\"}"));
        assertThat(formatter.message(image)).isEqualTo("[2025-03-03 23:59] bob: (image)");
    }

    @Test
    void controlCharactersCannotReachTheTerminal() {
        String evil = "\u001b[2J\u001b]0;owned\u0007done\r";
        assertThat(formatter.message(text("p:1:2", 1, 2, 1L, null, evil))).isEqualTo("[09:05] bob: ?[2J?]0;owned?done?");
        assertThat(formatter.message(text("p:1:2", 2, 2, 1L, null, "two\nlines"))).isEqualTo("[09:05] bob: two\n    lines");
    }

    @Test
    void listsOfUsersGroupsAndUnread() {
        assertThat(formatter.online(List.of(new UserInfo(1, "alice", true), new UserInfo(12, "bob", true))))
                .isEqualTo("2 online (id  name):\n  1   alice (you)\n  12  bob");
        assertThat(formatter.groups(List.of(new GroupInfo(7, "g:7", "team", 1, true, 3))))
                .isEqualTo("your groups (id  name):\n  #7  team  (3 members, open, yours)");
        Message last = text("g:7", 9, 3, null, 7L, "see you");
        assertThat(formatter.unread(List.of(new ConversationInfo("g:7", 9, TODAY, 7, 2, last),
                new ConversationInfo("p:1:2", 3, TODAY, 3, 0, null))))
                .isEqualTo("unread:\n  #team  2  last: carol: see you");
        assertThat(formatter.unread(List.of())).isEqualTo("nothing unread");
    }

    @Test
    void readReceiptsAndFailures() {
        assertThat(formatter.read("bob", 5)).isEqualTo("bob has read your messages up to #5");
        assertThat(Failures.describe(new CompletionException(new ConnectException()))).isEqualTo("connection refused");
        assertThat(Failures.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(Failures.describe(new CommandException("no user called x"))).isEqualTo("no user called x");
    }

    private static Message text(String conversationId, long seq, long fromId, Long toId, Long groupId, String body) {
        String json = "{\"contentType\":1,\"body\":" + io.tern.protocol.FrameCodec.mapper().valueToTree(body) + "}";
        return new Message("m" + seq, conversationId, seq, fromId, toId, groupId, TODAY, "c" + seq, new RawJson(json));
    }

    private static Message event(long actor, String json) {
        return new Message("e", "g:7", 1, actor, null, 7L, TODAY, "event-1", new RawJson(json));
    }

    @Test
    void mediaShowsWhatItIsAndTheCommandThatSavesIt() {
        Message image = new Message("m", "p:1:2", 1, 2, 1L, null, YESTERDAY, "c", new RawJson("{\"contentType\":2,"
                + "\"mediaId\":\"abc_1\",\"caption\":\"look\",\"name\":\"cat.png\",\"size\":2048,\"width\":64,\"height\":48}"));
        assertThat(formatter.message(image))
                .isEqualTo("[2025-03-03 23:59] bob: (image cat.png 64x48, 2048 bytes) look  [:save-file abc_1]");
    }
}
