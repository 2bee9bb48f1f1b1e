package io.tern.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.core.group.Role;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.GroupCommand;
import io.tern.server.core.message.GroupCommand.Kind;
import io.tern.server.support.PostgresForTests;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * One commit transaction against a real database (an SQLite file here; PostgreSQL in the postgres re-run):
 * idempotency on content, recipients fixed per seq, membership windows, and group rules decided with the
 * batch's earlier decisions applied.
 */
class BatchCommitTest {
    private static final int LIMIT = 5;

    @TempDir
    Path dir;
    private Database database;
    private JdbcMessageStore messages;
    private JdbcGroupStore groups;
    private final AtomicLong ids = new AtomicLong();
    private final Supplier<String> msgIds = () -> "m" + ids.incrementAndGet();
    private long owner;
    private long ann;
    private long ben;
    private long cat;

    @BeforeEach
    void open() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("store.dataDir", dir.toString()));
        settings.putAll(PostgresForTests.storeOverrides());
        TernConfig config = ConfigLoader.load(null, Map.of(), settings);
        database = Database.open(config.store());
        messages = new JdbcMessageStore(database);
        groups = new JdbcGroupStore(database);
        owner = account("owner");
        ann = account("ann");
        ben = account("ben");
        cat = account("cat");
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

    private static GroupCommand command(Kind kind, long... users) {
        return GroupCommand.of(kind, java.util.Arrays.stream(users).boxed().toList(), LIMIT,
                affected -> "{\"contentType\":100,\"event\":\"" + kind + "\",\"userIds\":" + affected.users() + "}");
    }

    private static Draft by(long actor, long groupId, GroupCommand command) {
        return Draft.command(actor, "event-" + command.kind() + "-" + actor + "-" + System.nanoTime(), groupId, command);
    }

    private static Draft text(long sender, String clientMsgId, long groupId, String body) {
        return Draft.group(sender, clientMsgId, groupId, "{\"contentType\":1,\"body\":\"" + body + "\"}");
    }

    /** A group of the owner and {@code members}. */
    private long group(boolean open, long... members) {
        long g = groups.create("g", owner, open, 0);
        long[] all = java.util.stream.LongStream.concat(java.util.stream.LongStream.of(owner),
                java.util.stream.LongStream.of(members)).toArray();
        assertThat(commit(by(owner, g, command(Kind.CREATE, all))).get(0).outcome()).isEqualTo(Outcome.STORED);
        return g;
    }

    @Test
    void messageBeforeAnAddInTheSameBatch_isNotForTheNewMember_butTheEventAndLaterMessagesAre() {
        long g = group(false, ann);
        List<Appended> r = commit(text(owner, "before", g, "before cat"), by(owner, g, command(Kind.ADD, cat)),
                text(ann, "after", g, "after cat"));
        assertThat(r).extracting(Appended::outcome).containsExactly(Outcome.STORED, Outcome.STORED, Outcome.STORED);
        assertThat(r.get(0).recipients()).containsExactly(sorted(owner, ann));
        assertThat(r.get(1).recipients()).containsExactly(sorted(owner, ann, cat));
        assertThat(r.get(1).change().joined()).containsExactly(cat);
        assertThat(r.get(2).recipients()).containsExactly(sorted(owner, ann, cat));
    }

    @Test
    void resend_goesToTheRecipientsOfTheOriginalSeq_notToLaterMembers() {
        long g = group(false, ann);
        Appended first = commit(text(owner, "k", g, "hi")).get(0);
        commit(by(owner, g, command(Kind.ADD, cat)));
        commit(by(owner, g, command(Kind.REMOVE, ann)));

        Appended resend = commit(text(owner, "k", g, "hi")).get(0);
        assertThat(resend.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(resend.message().msgId()).isEqualTo(first.message().msgId());
        assertThat(resend.recipients()).containsExactly(sorted(owner, ann));
    }

    @Test
    void sameKeyWithOtherContentOrConversation_isAConflict_inOneBatchAndAcrossBatches() {
        long g = group(false, ann);
        List<Appended> r = commit(text(owner, "k", g, "one"), text(owner, "k", g, "two"), text(owner, "k", g, "one"));
        assertThat(r).extracting(Appended::outcome)
                .containsExactly(Outcome.STORED, Outcome.IDEMPOTENCY_CONFLICT, Outcome.DUPLICATE);
        assertThat(commit(text(owner, "k", g, "two")).get(0).outcome()).isEqualTo(Outcome.IDEMPOTENCY_CONFLICT);
        assertThat(commit(Draft.direct(owner, "k", ann, "{\"contentType\":1,\"body\":\"one\"}")).get(0).outcome())
                .isEqualTo(Outcome.IDEMPOTENCY_CONFLICT);
        assertThat(commit(text(owner, "k", g, "one")).get(0).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(messages.after(owner, ConversationIds.group(g), 0, 100, 100)).hasSize(2); // created + "one"
    }

    @Test
    void resendAmongNewMessages_isTheStoredOriginal_andTheNewOnesGetGaplessSeqs() {
        // the optimistic batch meets the stored key, rolls back and runs checked: nothing of it may survive
        long g = group(false, ann);
        Appended first = commit(text(ann, "k1", g, "one")).get(0);
        List<Appended> r = commit(text(ann, "k2", g, "two"), text(ann, "k1", g, "one"), text(owner, "k3", g, "three"),
                Draft.direct(owner, "d1", ben, "{\"contentType\":1,\"body\":\"direct\"}"));
        assertThat(r).extracting(Appended::outcome)
                .containsExactly(Outcome.STORED, Outcome.DUPLICATE, Outcome.STORED, Outcome.STORED);
        assertThat(r.get(1).message().msgId()).isEqualTo(first.message().msgId());
        assertThat(r.get(0).message().seq()).isEqualTo(first.message().seq() + 1);
        assertThat(r.get(2).message().seq()).isEqualTo(first.message().seq() + 2);
        assertThat(messages.after(owner, ConversationIds.group(g), 0, 100, 100))
                .extracting(m -> m.seq()).containsExactly(1L, 2L, 3L, 4L); // created, one, two, three
        assertThat(messages.after(owner, r.get(3).message().conversationId(), 0, 100, 100)).hasSize(1);
        // the next batch runs optimistically again and continues the seqs
        assertThat(commit(text(ann, "k4", g, "four")).get(0).message().seq()).isEqualTo(5);
    }

    @Test
    void resendAfterTheSenderLeft_isTheStoredOriginal_notARefusal() {
        long g = group(false, ann);
        Appended first = commit(text(ann, "k1", g, "one")).get(0);
        commit(by(owner, g, command(Kind.REMOVE, ann)));
        List<Appended> r = commit(text(ann, "k1", g, "one"), text(ann, "k2", g, "two"));
        assertThat(r).extracting(Appended::outcome).containsExactly(Outcome.DUPLICATE, Outcome.NOT_A_MEMBER);
        assertThat(r.get(0).message().msgId()).isEqualTo(first.message().msgId());
    }

    @Test
    void addsInOneBatch_countEarlierAddsAgainstTheLimit() throws Exception {
        long g = group(false, ann); // 2 of 5
        commit(by(owner, g, GroupCommand.setRole(ann, Role.ADMIN, d -> "{}")));
        long dan = account("dan");
        long eve = account("eve");
        List<Appended> r = commit(by(owner, g, command(Kind.ADD, ben, cat)), by(ann, g, command(Kind.ADD, dan, eve)),
                by(ann, g, command(Kind.ADD, dan)));
        assertThat(r).extracting(Appended::outcome).containsExactly(Outcome.STORED, Outcome.GROUP_FULL, Outcome.STORED);
        assertThat(groups.memberCount(g)).isEqualTo(5);
    }

    @Test
    void demotionOrRemovalEarlierInTheBatch_refusesTheAdminsLaterAdd() {
        long g = group(false, ann, ben);
        commit(by(owner, g, GroupCommand.setRole(ann, Role.ADMIN, d -> "{}")));
        commit(by(owner, g, GroupCommand.setRole(ben, Role.ADMIN, d -> "{}")));
        List<Appended> r = commit(by(owner, g, GroupCommand.setRole(ann, Role.MEMBER, d -> "{}")),
                by(ann, g, command(Kind.ADD, cat)), by(owner, g, command(Kind.REMOVE, ben)),
                by(ben, g, command(Kind.ADD, cat)));
        assertThat(r).extracting(Appended::outcome)
                .containsExactly(Outcome.STORED, Outcome.FORBIDDEN, Outcome.STORED, Outcome.NOT_A_MEMBER);
        assertThat(groups.member(g, cat)).isEmpty();
        assertThat(groups.member(g, ann).orElseThrow().role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void secondJoin_isANoOp_andKeepsTheFirstWindow() {
        long g = group(true);
        List<Appended> r = commit(by(cat, g, command(Kind.JOIN, cat)), by(cat, g, command(Kind.JOIN, cat)));
        assertThat(r).extracting(Appended::outcome).containsExactly(Outcome.STORED, Outcome.NO_OP);
        assertThat(commit(by(cat, g, command(Kind.JOIN, cat))).get(0).outcome()).isEqualTo(Outcome.NO_OP);
        assertThat(groups.member(g, cat).orElseThrow().joinedSeq()).isEqualTo(1);
    }

    @Test
    void rejoinedMember_readsBothWindowsButNotTheGap_andReadersUseWindows() {
        long g = group(false, ann);
        commit(text(owner, "w1", g, "one"));                       // 2
        commit(by(ann, g, command(Kind.LEAVE, ann)));               // 3
        Appended gap = commit(text(owner, "gap", g, "gap")).get(0); // 4
        commit(by(owner, g, command(Kind.ADD, ann)));               // 5
        commit(text(owner, "w2", g, "two"));                       // 6
        String conv = ConversationIds.group(g);

        assertThat(messages.after(ann, conv, 0, 100, 100)).extracting(m -> m.seq()).containsExactly(1L, 2L, 3L, 5L, 6L);
        assertThat(messages.before(ann, conv, 100, 0, 100)).extracting(m -> m.seq()).containsExactly(1L, 2L, 3L, 5L, 6L);
        assertThat(messages.backlog(ann, conv, 0, 100, 0).count()).isEqualTo(5);
        assertThat(messages.membership(ann, conv).orElseThrow().joinedSeq()).isZero();
        assertThat(commit(text(owner, "gap", g, "gap")).get(0).recipients()).containsExactly(owner);
        assertThat(gap.recipients()).containsExactly(owner);
    }

    @Test
    void ownerLeaving_handsOwnershipToTheAdmin_inTheSameCommit() {
        long g = group(false, ann, ben);
        commit(by(owner, g, GroupCommand.setRole(ben, Role.ADMIN, d -> "{}")));
        List<Appended> r = commit(by(owner, g, command(Kind.LEAVE, owner)), by(ben, g, command(Kind.ADD, cat)));
        assertThat(r).extracting(Appended::outcome).containsExactly(Outcome.STORED, Outcome.STORED);
        assertThat(groups.find(g).orElseThrow().ownerId()).isEqualTo(ben);
        assertThat(groups.member(g, ben).orElseThrow().role()).isEqualTo(Role.OWNER);
        assertThat(groups.member(g, owner)).isEmpty();
    }

    @Test
    void rememberedMemberList_isReadAgainAfterAChangeByAnotherWriter() {
        // a second store on the same database stands for another node: its change must not be missed
        long g = group(false, ann);
        assertThat(commit(text(owner, "a", g, "one")).get(0).recipients()).containsExactly(sorted(owner, ann));
        JdbcMessageStore otherNode = new JdbcMessageStore(database);
        otherNode.commit(List.of(by(owner, g, command(Kind.ADD, cat))), List.of(), 1_000, msgIds);
        assertThat(commit(text(owner, "b", g, "two")).get(0).recipients()).containsExactly(sorted(owner, ann, cat));
        otherNode.commit(List.of(by(owner, g, command(Kind.REMOVE, ann))), List.of(), 1_000, msgIds);
        assertThat(commit(text(owner, "c", g, "three")).get(0).recipients()).containsExactly(sorted(owner, cat));
    }

    @Test
    void memberChangeInABatchThatRanTwice_isSeenByTheNextBatch() {
        // the optimistic run stores the add, meets the resend and rolls back; the checked run stores it again
        long g = group(false, ann);
        commit(text(ann, "k1", g, "one"));
        List<Appended> r = commit(by(owner, g, command(Kind.ADD, cat)), text(ann, "k1", g, "one"),
                text(owner, "k2", g, "two"));
        assertThat(r).extracting(Appended::outcome).containsExactly(Outcome.STORED, Outcome.DUPLICATE, Outcome.STORED);
        assertThat(r.get(2).recipients()).containsExactly(sorted(owner, ann, cat));
        assertThat(commit(text(owner, "k3", g, "three")).get(0).recipients()).containsExactly(sorted(owner, ann, cat));
        assertThat(commit(by(owner, g, command(Kind.REMOVE, cat)), text(owner, "k4", g, "four")).get(1).recipients())
                .containsExactly(sorted(owner, ann));
        assertThat(commit(text(owner, "k5", g, "five")).get(0).recipients()).containsExactly(sorted(owner, ann));
    }

    private static long[] sorted(long... users) {
        long[] out = users.clone();
        java.util.Arrays.sort(out);
        return out;
    }

    @Test
    void aDissolveEarlierInTheBatch_refusesEveryLaterDraftOfTheGroup_andOnlyTheOwnerDissolves() {
        long g = group(false, ann, ben);
        List<Appended> r = commit(by(ann, g, command(Kind.DISSOLVE)), by(owner, g, command(Kind.DISSOLVE)),
                Draft.group(ann, "late", g, "{\"contentType\":1,\"body\":\"x\"}"), by(ben, g, command(Kind.LEAVE, ben)));
        assertThat(r).extracting(Appended::outcome).containsExactly(Outcome.FORBIDDEN, Outcome.STORED,
                Outcome.GROUP_DISSOLVED, Outcome.GROUP_DISSOLVED);
        assertThat(groups.memberIds(g)).isEmpty();
        assertThat(groups.find(g).orElseThrow().dissolved()).isTrue();
    }

    @Test
    void joinsByOneInviteInOneBatch_countTheEarlierUses_andABanEarlierInTheBatchApplies() throws Exception {
        long g = group(false, ann);
        long dan = account("dan");
        long eve = account("eve");
        assertThat(commit(by(owner, g, GroupCommand.invite(Kind.CREATE_INVITE,
                new GroupCommand.Invite("code-1", null, 2)))).get(0).outcome()).isEqualTo(Outcome.APPLIED);
        List<Appended> r = commit(by(owner, g, command(Kind.BAN, cat)), byInvite(cat, g), byInvite(ben, g),
                byInvite(dan, g), byInvite(eve, g));
        assertThat(r).extracting(Appended::outcome).containsExactly(Outcome.STORED, Outcome.BANNED, Outcome.STORED,
                Outcome.STORED, Outcome.INVITE_EXHAUSTED);
        assertThat(groups.invite("code-1").orElseThrow().uses()).isEqualTo(2);
    }

    private static Draft byInvite(long user, long g) {
        return by(user, g, GroupCommand.joinByInvite(user, "code-1", LIMIT,
                d -> "{\"contentType\":100,\"event\":\"joined\",\"userIds\":" + d.users() + "}"));
    }
}
