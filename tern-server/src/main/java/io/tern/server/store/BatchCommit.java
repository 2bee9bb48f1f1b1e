package io.tern.server.store;

import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.ContentHash;
import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.CursorUpdate;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.Message;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One group-commit transaction on the writer connection: idempotency (on a content hash), seqs, recipients
 * and group rules are all decided here. Seqs are allocated by
 * {@code UPDATE conversations SET last_seq = last_seq + n ... RETURNING last_seq}, inside the same
 * transaction as the inserts, so a seq is never handed out for a message that was not stored. Group
 * conversations go through {@link GroupBatch}.
 *
 * <p>Idempotency is optimistic: a batch first runs without looking anything up, its inserts skipping a row
 * whose (sender, clientMsgId) is taken. A resend is rare, so that is the common path, with no SELECT per
 * message. If any insert was skipped, the batch throws {@link Clash}; the caller rolls the whole transaction
 * back and runs the batch again in checked mode, which looks each draft up first (a resend answers the stored
 * message; another message under the same key is an IDEMPOTENCY_CONFLICT). Nothing of the optimistic run
 * survives the rollback, so no seq is handed out twice or skipped. A refused message is looked up in place
 * instead (it may be the resend of one stored before its sender left the group): a client that keeps sending
 * where it may not cannot make every batch run twice.
 */
final class BatchCommit {
    static final String INSERT = "INSERT INTO messages (conversation_id, seq, msg_id, sender_id, "
            + "client_msg_id, to_id, ts, content, content_hash, control, ref_seq, private_to) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** An optimistic batch met a stored (sender, clientMsgId): roll back and run it checked. */
    static final class Clash extends SQLException {
        Clash() {
            super("a clientMsgId of the batch is stored already");
        }
    }

    /** A user and a string of theirs (a clientMsgId, a conversation id), as a map key without concatenation. */
    private record Key(long userId, String value) {
    }

    private final Statements st;
    private final Dialect dialect;
    private final long now;
    private final Supplier<String> msgIds;
    private final boolean optimistic;
    private final PreparedStatement insert;
    private final Recipients recipients;
    private final GroupBatch groups;
    private final ChangeBatch changes;
    private final boolean contactsOnly;
    /** Whether any user blocks anyone, read once per batch: usually none does, and then no pair is looked up. */
    private Boolean anyBlocks;

    /** @param contactsOnly only contacts may start a direct conversation ({@code auth.directChats=CONTACTS}) */
    BatchCommit(Statements st, MemberLists lists, Dialect dialect, long now, Supplier<String> msgIds,
                boolean optimistic, boolean contactsOnly) throws SQLException {
        this.contactsOnly = contactsOnly;
        this.st = st;
        this.dialect = dialect;
        this.now = now;
        this.msgIds = msgIds;
        this.optimistic = optimistic;
        this.insert = st.get(optimistic ? INSERT + " ON CONFLICT DO NOTHING" : INSERT);
        this.recipients = new Recipients(st, lists);
        this.changes = new ChangeBatch(st, now, recipients);
        this.groups = new GroupBatch(st, this, recipients, now);
    }

    /** The batch's change events (edit, recall, reaction). */
    ChangeBatch changes() {
        return changes;
    }

    List<Appended> run(List<Draft> drafts, List<CursorUpdate> cursors) throws SQLException {
        Appended[] results = new Appended[drafts.size()];
        Map<String, List<Integer>> fresh = optimistic ? byConversation(drafts) : findDuplicates(drafts, results);
        for (Map.Entry<String, List<Integer>> e : fresh.entrySet()) {
            if (ConversationIds.groupId(e.getKey()) != null) {
                groups.allocate(e.getKey(), e.getValue(), drafts, results);
            } else {
                allocateDirect(e.getKey(), e.getValue(), drafts, results);
            }
        }
        if (optimistic) {
            lookUpRefused(drafts, results);
        }
        int[] inserted = insert.executeBatch();
        if (optimistic) {
            for (int n : inserted) {
                if (n != 1) { // 0: the key was taken; anything else: the driver cannot say, so check
                    throw new Clash();
                }
            }
        }
        changes.write(results);
        MediaRefs.record(st, results); // media a message names becomes downloadable for its recipients in the same commit
        SearchIndex.record(st, drafts, results); // searchable from the same commit on
        // cursors before the sender rule: a member who acknowledged and replied in the same batch is right behind
        applyCursors(cursors);
        advanceSenders(drafts, results);
        resolveBatchDuplicates(drafts, results);
        return List.of(results);
    }

    /**
     * A refused message (not a group command, whose key is the server's own) may be the resend of one stored
     * before its sender left the group: that answers the original. Only refusals are looked up, and a refusal
     * wrote nothing and took no seq, so its answer can be replaced in place.
     */
    private void lookUpRefused(List<Draft> drafts, Appended[] results) throws SQLException {
        for (int i = 0; i < drafts.size(); i++) {
            if (drafts.get(i).command() == null && results[i] != null && results[i].message() == null) {
                Appended original = stored(drafts.get(i));
                if (original != null) {
                    results[i] = original;
                }
            }
        }
    }

    /**
     * Optimistic: every draft but a repeat of a key earlier in the batch, grouped by conversation in id order
     * (as {@link #findDuplicates}); the repeats are resolved after the first is stored.
     */
    private static Map<String, List<Integer>> byConversation(List<Draft> drafts) {
        Map<String, List<Integer>> fresh = new TreeMap<>();
        java.util.Set<Key> seen = new java.util.HashSet<>(drafts.size() * 2);
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            if (seen.add(new Key(d.senderId(), d.clientMsgId()))) {
                fresh.computeIfAbsent(d.conversationId(), k -> new ArrayList<>()).add(i);
            }
        }
        return fresh;
    }

    /**
     * Marks drafts already stored; returns the rest grouped by conversation (in draft order within each).
     * Conversations come in id order: every node locks the conversation rows of its batch in the same order,
     * so two nodes' batches never deadlock on each other.
     */
    private Map<String, List<Integer>> findDuplicates(List<Draft> drafts, Appended[] results) throws SQLException {
        Map<String, List<Integer>> fresh = new TreeMap<>();
        Map<Key, Integer> firstInBatch = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            if (firstInBatch.putIfAbsent(new Key(d.senderId(), d.clientMsgId()), i) != null) {
                continue; // resolved after the first one is stored
            }
            results[i] = stored(d);
            if (results[i] == null) {
                fresh.computeIfAbsent(d.conversationId(), k -> new ArrayList<>()).add(i);
            }
        }
        return fresh;
    }

    /**
     * The answer for a draft whose (sender, clientMsgId) is stored: the original if it is the same message
     * (conversation and content), IDEMPOTENCY_CONFLICT if not; null if the key is free.
     */
    private Appended stored(Draft d) throws SQLException {
        PreparedStatement find = st.get("SELECT " + JdbcMessageStore.MESSAGE_COLUMNS
                + ", content_hash, ref_seq, private_to FROM messages WHERE sender_id = ? AND client_msg_id = ?");
        find.setLong(1, d.senderId());
        find.setString(2, d.clientMsgId());
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            String hash = rs.getString(10);
            // null: stored before hashes were kept; nothing to compare, so taken as a true resend
            boolean same = hash == null || d.content() != null && hash.equals(d.contentHash());
            if (!same) {
                return Appended.refused(Outcome.IDEMPOTENCY_CONFLICT);
            }
            long ref = rs.getLong(11);
            Long refSeq = rs.wasNull() ? null : ref;
            long personal = rs.getLong(12);
            Long personalTo = rs.wasNull() ? null : personal;
            return duplicate(JdbcMessageStore.message(rs), refSeq, personalTo);
        }
    }

    private void allocateDirect(String conversationId, List<Integer> indexes, List<Draft> drafts, Appended[] results)
            throws SQLException {
        if (anyBlocks()) {
            indexes = DirectBlocks.allowed(st, conversationId, indexes, drafts, results); // before any seq is taken
        }
        indexes = decideChanges(conversationId, indexes, drafts, results);
        if (indexes.isEmpty()) {
            return;
        }
        int n = indexes.size();
        long last = bump(conversationId, n);
        if (last < 0) {
            if (!accountExists(drafts.get(indexes.get(0)).toId())) {
                indexes.forEach(i -> results[i] = Appended.refused(Outcome.NO_SUCH_USER));
                return;
            }
            if (contactsOnly && !DirectBlocks.contacts(st, conversationId)) {
                indexes.forEach(i -> results[i] = Appended.refused(Outcome.RECIPIENT_REFUSED));
                return;
            }
            createDirectConversation(conversationId);
            last = bump(conversationId, n);
        }
        long[] users = Recipients.direct(conversationId);
        List<Message> stored = store(conversationId, indexes, drafts, i -> drafts.get(i).content(), last - n + 1);
        for (int k = 0; k < indexes.size(); k++) {
            results[indexes.get(k)] = new Appended(stored.get(k), Outcome.STORED, 0,
                    changes.recipients(indexes.get(k), users), null);
        }
    }

    /**
     * One-to-one change events are decided before any seq is taken, with the conversation row locked first (a
     * change needs a target, so a conversation that does not exist yet refuses them all). Returns the drafts that
     * go on to be stored.
     */
    private boolean anyBlocks() throws SQLException {
        if (anyBlocks == null) {
            try (ResultSet rs = st.get("SELECT 1 FROM blocks LIMIT 1").executeQuery()) {
                anyBlocks = rs.next();
            }
        }
        return anyBlocks;
    }

    private List<Integer> decideChanges(String conversationId, List<Integer> indexes, List<Draft> drafts,
                                        Appended[] results) throws SQLException {
        if (indexes.stream().noneMatch(i -> ChangeBatch.concerns(drafts.get(i)))) {
            return indexes;
        }
        boolean exists = lock(conversationId);
        List<Integer> kept = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            Draft d = drafts.get(i);
            if (ChangeBatch.concerns(d)) {
                results[i] = exists || d.kind() == null ? changes.decide(conversationId, i, d, null)
                        : Appended.refused(io.tern.protocol.ErrorCode.NO_SUCH_MESSAGE, "no message in " + conversationId);
                if (results[i] != null) {
                    continue;
                }
            }
            kept.add(i);
        }
        return kept;
    }

    /** Takes the conversation's row lock (an update that changes nothing); false if it does not exist. */
    boolean lock(String conversationId) throws SQLException {
        PreparedStatement lock = st.get("UPDATE conversations SET last_seq = last_seq WHERE id = ? RETURNING last_seq");
        lock.setString(1, conversationId);
        try (ResultSet rs = lock.executeQuery()) {
            return rs.next();
        }
    }

    /** A resend: the original message, for the recipients of its seq (nothing newer). */
    private Appended duplicate(Message m, Long refSeq, Long personalTo) throws SQLException {
        return new Appended(m, Outcome.DUPLICATE, 0, ChangeBatch.recipientsOf(recipients, m, refSeq, personalTo), null);
    }

    long bump(String conversationId, int n) throws SQLException {
        PreparedStatement bump = st.get(
                "UPDATE conversations SET last_seq = last_seq + ?, last_ts = ? WHERE id = ? RETURNING last_seq");
        bump.setLong(1, n);
        bump.setLong(2, now);
        bump.setString(3, conversationId);
        try (ResultSet rs = bump.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /**
     * Queues the inserts of the drafts at {@code indexes} with seqs from {@code firstSeq} on; each gets the
     * content {@code contents} gives it (a group command's event is built at commit). Returns the messages.
     */
    List<Message> store(String conversationId, List<Integer> indexes, List<Draft> drafts,
                        java.util.function.IntFunction<String> contents, long firstSeq) throws SQLException {
        long seq = firstSeq;
        List<Message> out = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            Draft d = drafts.get(i);
            Message m = new Message(msgIds.get(), conversationId, seq++, d.senderId(), d.toId(), now,
                    d.clientMsgId(), contents.apply(i));
            insert.setString(1, m.conversationId());
            insert.setLong(2, m.seq());
            insert.setString(3, m.msgId());
            insert.setLong(4, m.fromId());
            insert.setString(5, m.clientMsgId());
            if (m.toId() == null) {
                insert.setNull(6, java.sql.Types.BIGINT);
            } else {
                insert.setLong(6, m.toId());
            }
            insert.setLong(7, m.ts());
            insert.setString(8, m.content());
            insert.setString(9, d.content() != null ? d.contentHash() : ContentHash.of(conversationId, m.content()));
            insert.setInt(10, d.control() ? 1 : 0);
            Long refSeq = changes.refSeq(i);
            if (refSeq == null) {
                insert.setNull(11, java.sql.Types.BIGINT);
            } else {
                insert.setLong(11, refSeq);
            }
            Long personalTo = changes.personalTo(i);
            if (personalTo == null) {
                insert.setNull(12, java.sql.Types.BIGINT);
            } else {
                insert.setLong(12, personalTo);
            }
            insert.addBatch();
            out.add(m);
        }
        return out;
    }

    private boolean accountExists(long userId) throws SQLException {
        PreparedStatement exists = st.get("SELECT 1 FROM accounts WHERE id = ?");
        exists.setLong(1, userId);
        try (ResultSet rs = exists.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Creates the conversation at seq 0; the caller then allocates by the usual bump. When another node
     * creates it at the same moment, PostgreSQL makes this insert wait for that commit and then do nothing,
     * and the bump that follows sees the other node's row and its seqs.
     */
    private void createDirectConversation(String conversationId) throws SQLException {
        PreparedStatement conv = st.get(
                "INSERT INTO conversations (id, last_seq, last_ts) VALUES (?, 0, ?) ON CONFLICT (id) DO NOTHING");
        PreparedStatement member = st.get(
                "INSERT INTO members (user_id, conversation_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement window = st.get("INSERT INTO member_windows (conversation_id, user_id, "
                + "joined_seq, left_seq) VALUES (?, ?, 0, NULL) ON CONFLICT DO NOTHING");
        conv.setString(1, conversationId);
        conv.setLong(2, now);
        conv.executeUpdate();
        for (long user : ConversationIds.directMembers(conversationId)) {
            member.setLong(1, user);
            member.setString(2, conversationId);
            member.executeUpdate();
            window.setString(1, conversationId);
            window.setLong(2, user);
            window.executeUpdate();
        }
    }

    /**
     * A sender has read what they reply to, and holds their own message: their read cursor moves to it, and
     * their delivered cursor too when it was right behind (so a gap of unreceived messages is never skipped).
     * A sender's consecutive seqs in one conversation are one update: delivered moves to the end of the run if
     * it was anywhere from just before the run to inside it. A group event is not the actor's message in this
     * sense: it came from an HTTP request, so none of the actor's devices holds it, and they get it like every
     * member (a device new to the group would otherwise be told its stream starts after its own join).
     */
    private void advanceSenders(List<Draft> drafts, Appended[] results) throws SQLException {
        Map<Key, List<Message>> bySender = new java.util.LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            if (results[i] != null && results[i].outcome() == Outcome.STORED && drafts.get(i).command() == null) {
                Message m = results[i].message();
                bySender.computeIfAbsent(new Key(m.fromId(), m.conversationId()), k -> new ArrayList<>()).add(m);
            }
        }
        if (bySender.isEmpty()) {
            return;
        }
        PreparedStatement st = this.st.get(dialect.sql("UPDATE members SET "
                + "read_seq = {{GREATEST}}(read_seq, ?), "
                + "delivered_seq = CASE WHEN delivered_seq >= ? AND delivered_seq < ? THEN ? ELSE delivered_seq END "
                + "WHERE user_id = ? AND conversation_id = ? AND left_seq IS NULL"));
        for (List<Message> own : bySender.values()) {
            // seqs of one conversation are allocated in draft order, so each list is ascending
            int start = 0;
            for (int i = 1; i <= own.size(); i++) {
                if (i == own.size() || own.get(i).seq() != own.get(i - 1).seq() + 1) {
                    Message first = own.get(start);
                    long last = own.get(i - 1).seq();
                    st.setLong(1, last);
                    st.setLong(2, first.seq() - 1);
                    st.setLong(3, last);
                    st.setLong(4, last);
                    st.setLong(5, first.fromId());
                    st.setString(6, first.conversationId());
                    st.addBatch();
                    start = i;
                }
            }
        }
        st.executeBatch();
    }

    /**
     * A clientMsgId sent twice within one batch: the later copies get the first one's result if they are the
     * same message (conversation and content), IDEMPOTENCY_CONFLICT if not.
     */
    private static void resolveBatchDuplicates(List<Draft> drafts, Appended[] results) {
        if (!java.util.Arrays.asList(results).contains(null)) {
            return; // no key came twice (the common case): no map of every key in the batch
        }
        Map<Key, Integer> first = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            Key key = new Key(drafts.get(i).senderId(), drafts.get(i).clientMsgId());
            if (results[i] != null) {
                first.putIfAbsent(key, i);
                continue;
            }
            int o = first.get(key);
            Appended original = results[o];
            if (!drafts.get(o).conversationId().equals(drafts.get(i).conversationId())
                    || !java.util.Objects.equals(drafts.get(o).content(), drafts.get(i).content())) {
                results[i] = Appended.refused(Outcome.IDEMPOTENCY_CONFLICT);
            } else {
                results[i] = original.message() == null ? original : new Appended(original.message(),
                        Outcome.DUPLICATE, 0, original.recipients(), null);
            }
        }
    }

    private void applyCursors(List<CursorUpdate> cursors) throws SQLException {
        if (cursors.isEmpty()) {
            return;
        }
        String visibleLast = "COALESCE(left_seq, (SELECT last_seq FROM conversations WHERE id = ?))";
        PreparedStatement st = this.st.get(dialect.sql("UPDATE members SET "
                + "delivered_seq = {{GREATEST}}(delivered_seq, {{LEAST}}(?, " + visibleLast + ")), "
                + "read_seq = {{GREATEST}}(read_seq, {{LEAST}}(?, " + visibleLast + ")) "
                + "WHERE user_id = ? AND conversation_id = ?"));
        // In key order, like the conversation rows, so that concurrent batches lock member rows alike.
        List<CursorUpdate> ordered = new ArrayList<>(cursors);
        ordered.sort(java.util.Comparator.comparing(CursorUpdate::conversationId)
                .thenComparingLong(CursorUpdate::userId));
        for (CursorUpdate u : ordered) {
            st.setLong(1, u.deliveredSeq());
            st.setString(2, u.conversationId());
            st.setLong(3, u.readSeq());
            st.setString(4, u.conversationId());
            st.setLong(5, u.userId());
            st.setString(6, u.conversationId());
            st.addBatch();
        }
        st.executeBatch();
    }
}
