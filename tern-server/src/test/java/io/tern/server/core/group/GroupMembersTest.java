package io.tern.server.core.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.GroupCommand;
import io.tern.server.core.message.GroupCommand.Kind;
import io.tern.server.core.message.MembershipChange;
import io.tern.server.store.Database;
import io.tern.server.store.JdbcGroupStore;
import io.tern.server.store.JdbcMessageStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The member cache of notices against a real store: versions, changes applied in order, reloads. */
class GroupMembersTest {
    @TempDir
    Path dir;
    private Database database;
    private JdbcMessageStore messages;
    private JdbcGroupStore store;
    private GroupMembers members;
    private final AtomicLong ids = new AtomicLong();
    private long owner;
    private long ann;
    private long cat;

    @BeforeEach
    void open() throws Exception {
        TernConfig config = ConfigLoader.load(null, Map.of(), Map.of("store.dataDir", dir.toString()));
        database = Database.open(config.store());
        messages = new JdbcMessageStore(database);
        store = new JdbcGroupStore(database);
        members = new GroupMembers(store);
        owner = account("owner");
        ann = account("ann");
        cat = account("cat");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void changesAppliedInCommitOrder_keepTheCacheExact_withoutReloading() {
        long g = store.create("g", owner, false, 0);
        Appended created = command(owner, g, Kind.CREATE, owner, ann);
        assertThat(members.of(g)).containsExactly(sorted(owner, ann));

        Appended added = command(owner, g, Kind.ADD, cat);
        members.apply(g, added.change(), added.membersSeq(), added.message().seq());
        assertThat(added.membersSeq()).isEqualTo(created.message().seq());
        assertThat(members.of(g)).containsExactly(sorted(owner, ann, cat));
        assertThat(members.contains(g, cat)).isTrue();
    }

    @Test
    void aChangeTheCacheDidNotSee_isLoaded_andInvalidateForgets() {
        long g = store.create("g", owner, false, 0);
        command(owner, g, Kind.CREATE, owner, ann);
        assertThat(members.of(g)).containsExactly(sorted(owner, ann));
        command(owner, g, Kind.ADD, cat);                       // committed elsewhere: not applied here
        Appended removed = command(owner, g, Kind.REMOVE, ann);  // its prior version is not the cached one
        long[] before = members.apply(g, removed.change(), removed.membersSeq(), removed.message().seq());

        assertThat(before).containsExactly(sorted(owner, ann, cat));
        assertThat(members.of(g)).containsExactly(sorted(owner, cat));
        members.invalidate(g);
        assertThat(members.of(g)).containsExactly(sorted(owner, cat));
        assertThat(members.of(g, removed.message().seq())).containsExactly(sorted(owner, cat));
    }

    private Appended command(long actor, long g, Kind kind, long... users) {
        GroupCommand command = GroupCommand.of(kind, java.util.Arrays.stream(users).boxed().toList(), 100,
                affected -> "{\"contentType\":100}");
        return messages.commit(List.of(Draft.command(actor, "e" + ids.incrementAndGet(), g, command)), List.of(), 0,
                () -> "m" + ids.incrementAndGet()).get(0);
    }

    private static long[] sorted(long... users) {
        long[] out = users.clone();
        java.util.Arrays.sort(out);
        return out;
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
}
