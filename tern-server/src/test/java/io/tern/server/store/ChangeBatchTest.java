package io.tern.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.ErrorCode;
import io.tern.protocol.MessageChanges;
import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.Message;
import io.tern.server.core.message.kind.MessageKinds;
import io.tern.server.support.PostgresForTests;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edit racing recall, made deterministic: both in one commit, in either order. Each change is decided against
 * the target as the batch's earlier changes left it, so the outcome is the one of the order they were committed in.
 */
class ChangeBatchTest {
    private static final MessageKinds KINDS = MessageKinds.standard(Duration.ofHours(1), Duration.ofHours(1), 5);

    @TempDir
    Path dir;
    private Database database;
    private JdbcMessageStore messages;
    private final AtomicLong ids = new AtomicLong();
    private final Supplier<String> msgIds = () -> "m" + ids.incrementAndGet();
    private long ann;
    private long ben;

    @BeforeEach
    void open() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("store.dataDir", dir.toString()));
        settings.putAll(PostgresForTests.storeOverrides());
        TernConfig config = ConfigLoader.load(null, Map.of(), settings);
        database = Database.open(config.store());
        messages = new JdbcMessageStore(database);
        ann = account("ann");
        ben = account("ben");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private long account(String name) throws Exception {
        try (Connection c = database.pool().getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO accounts (username, password_hash, created_at) VALUES (?, 'x', 0) RETURNING id")) {
            st.setString(1, name);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<Appended> commit(Draft... drafts) {
        return messages.commit(List.of(drafts), List.of(), 1_000, msgIds);
    }

    private Draft change(String clientMsgId, String content) {
        Draft d = Draft.direct(ann, clientMsgId, ben, content);
        return d.changing(KINDS.find(MessageChanges.EDIT == contentType(content) ? MessageChanges.EDIT
                : MessageChanges.RECALL));
    }

    private static int contentType(String content) {
        return new io.tern.protocol.RawJson(content).tree().get("contentType").asInt();
    }

    private Message original() {
        Appended sent = commit(Draft.direct(ann, "m", ben, "{\"contentType\":1,\"body\":\"draft\"}")).get(0);
        assertThat(sent.outcome()).isEqualTo(Outcome.STORED);
        return sent.message();
    }

    private Message stored(Message m) {
        return messages.after(ann, m.conversationId(), m.seq() - 1, m.seq(), 1).get(0);
    }

    @Test
    void recallThenEdit_inOneBatch_theEditIsRefused_andTheMessageStaysRecalled() {
        Message m = original();
        List<Appended> r = commit(change("r", MessageChanges.recall(m.msgId()).json()),
                change("e", MessageChanges.edit(m.msgId(), "changed my mind").json()));

        assertThat(r.get(0).outcome()).isEqualTo(Outcome.STORED);
        assertThat(r.get(1).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.get(1).refusal().code()).isEqualTo(ErrorCode.MESSAGE_RECALLED);
        assertThat(stored(m).content()).isEqualTo("{\"contentType\":120}");
        assertThat(messages.membership(ben, m.conversationId()).orElseThrow().unread()).isEqualTo(1);
    }

    @Test
    void editThenRecall_inOneBatch_bothAreStored_andTheRecallWins_withTheEditsTextGone() {
        Message m = original();
        List<Appended> r = commit(change("e", MessageChanges.edit(m.msgId(), "changed my mind").json()),
                change("r", MessageChanges.recall(m.msgId()).json()));

        assertThat(r).extracting(Appended::outcome).containsExactly(Outcome.STORED, Outcome.STORED);
        assertThat(stored(m).content()).isEqualTo("{\"contentType\":120}");
        Message edit = stored(r.get(0).message());
        assertThat(edit.content()).doesNotContain("changed my mind");
        assertThat(messages.membership(ben, m.conversationId()).orElseThrow().unread()).isEqualTo(1);
    }

    @Test
    void aResentChange_isAnsweredAsTheOriginal_andAppliedOnce() {
        Message m = original();
        String edit = MessageChanges.edit(m.msgId(), "once").json();
        Appended first = commit(change("e", edit)).get(0);
        Appended again = commit(change("e", edit)).get(0);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.message().msgId()).isEqualTo(first.message().msgId());
        assertThat(stored(m).content()).contains("once");
    }

    @Test
    void aDeleteForMe_andItsResend_goToItsSenderAlone() {
        Message m = original();
        Draft hide = Draft.direct(ben, "h", ann, MessageChanges.hide(m.msgId()).json())
                .changing(KINDS.find(MessageChanges.HIDE));
        Appended first = commit(hide).get(0);
        assertThat(first.outcome()).isEqualTo(Outcome.STORED);
        assertThat(first.recipients()).containsExactly(ben);
        Appended again = commit(hide).get(0);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.recipients()).containsExactly(ben);
        assertThat(messages.after(ann, m.conversationId(), 0, 10, 10)).extracting(Message::seq).containsExactly(1L);
        assertThat(messages.after(ben, m.conversationId(), 0, 10, 10)).extracting(Message::seq).containsExactly(2L);
    }
}
