package io.tern.server.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.core.account.Principal;
import io.tern.server.core.account.Tokens;
import io.tern.server.core.group.GroupMembers;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.core.session.SessionRegistry;
import io.tern.server.store.Database;
import io.tern.server.store.JdbcAccountStore;
import io.tern.server.store.JdbcGroupStore;
import io.tern.server.store.JdbcMessageStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who a message read back from the store to fill a gap is pushed to (real SQLite store): the members with a
 * session here, and never someone who joined the group after the message.
 */
class FillRecipientsTest {
    @TempDir
    Path dir;

    private Database database;
    private JdbcMessageStore store;
    private JdbcGroupStore groups;
    private final SessionRegistry sessions = new SessionRegistry(TernConfig.MultiDevicePolicy.ALLOW, 0);
    private long alice;
    private long bob;
    private long carol;

    @BeforeEach
    void open() {
        database = Database.open(ConfigLoader.load(null, Map.of(), Map.of("store.dataDir", dir.toString())).store());
        store = new JdbcMessageStore(database);
        groups = new JdbcGroupStore(database);
        JdbcAccountStore accounts = new JdbcAccountStore(database);
        alice = accounts.create("alice", "alice", "x", 0).orElseThrow();
        bob = accounts.create("bob", "bob", "x", 0).orElseThrow();
        carol = accounts.create("carol", "carol", "x", 0).orElseThrow();
        for (long user : new long[] {bob, carol}) { // alice has no session on this node
            sessions.register(new DeviceSession(sessions.nextSessionId(), new Principal(user, "phone", Tokens.hash("t")),
                    new PushOrderTest.Recorder(), null));
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Message commit(Draft draft) {
        return store.commit(List.of(draft), List.of(), 0, () -> UUID.randomUUID().toString()).get(0).message();
    }

    private static long[] sorted(long... users) {
        long[] out = users.clone();
        java.util.Arrays.sort(out);
        return out;
    }

    @Test
    void aGroupMessage_goesToTheMembersHere_butNotToOneWhoJoinedAfterIt() {
        long group = groups.create("g", alice, false, 0);
        commit(Draft.command(alice, "created", group, GroupCommand.of(GroupCommand.Kind.CREATE, List.of(alice, bob),
                100, users -> "{\"contentType\":100,\"event\":\"created\"}")));
        Message before = commit(Draft.group(alice, "m", group, "{\"contentType\":1}"));
        Message joined = commit(Draft.command(alice, "join", group, GroupCommand.of(GroupCommand.Kind.ADD,
                List.of(carol), 100, users -> "{\"contentType\":100,\"event\":\"added\"}")));
        Message after = commit(Draft.group(bob, "m2", group, "{\"contentType\":1}"));
        FillRecipients recipients = new FillRecipients(new GroupMembers(groups), groups, store, sessions);

        assertThat(sorted(recipients.of(before))).as("carol joined after it").containsExactly(bob);
        assertThat(sorted(recipients.of(joined))).as("her own join event").containsExactly(sorted(bob, carol));
        assertThat(sorted(recipients.of(after))).containsExactly(sorted(bob, carol));
    }

    @Test
    void aDirectMessage_goesToBothUsers() {
        Message m = commit(Draft.direct(alice, "d", bob, "{\"contentType\":1}"));
        assertThat(sorted(new FillRecipients(new GroupMembers(groups), groups, store, sessions).of(m)))
                .containsExactly(sorted(alice, bob));
    }
}
