package io.tern.server.store;

import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.MembershipChange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Who receives a message, decided inside the commit: for a direct conversation its two users; for a group
 * the members at the message's seq — loaded under the conversation's row lock and stepped through the batch's
 * membership changes in seq order — and for a resend, the members whose stored windows contain the original
 * seq. Fan-out uses exactly this set, so no cache, restart or resend can widen it.
 */
final class Recipients {
    private final PreparedStatement current;
    private final PreparedStatement asOf;
    private final MemberLists lists;

    Recipients(Statements st, MemberLists lists) throws SQLException {
        this.lists = lists;
        this.current = st.get("SELECT user_id FROM members WHERE conversation_id = ? AND left_seq IS NULL");
        // a joiner's window starts at their event's seq - 1 and a leaver's ends at theirs: an event is seen
        // by the members before and after it
        this.asOf = st.get("SELECT user_id FROM member_windows WHERE conversation_id = ? "
                + "AND joined_seq < ? AND (left_seq IS NULL OR left_seq >= ?)");
    }

    /** The two users of a direct conversation (one for a conversation with oneself). */
    static long[] direct(String conversationId) {
        long[] users = ConversationIds.directMembers(conversationId);
        return users[0] == users[1] ? new long[] {users[0]} : users;
    }

    /**
     * The group's members as stored now, {@code membersSeq} being the version read under the lock; call with the
     * conversation row locked, before this batch's writes. Shared with {@link MemberLists}: never modify it.
     */
    long[] members(String conversationId, long membersSeq) throws SQLException {
        long[] known = lists.get(conversationId, membersSeq);
        if (known != null) {
            return known;
        }
        current.setString(1, conversationId);
        long[] read = sorted(current);
        lists.put(conversationId, membersSeq, read);
        return read;
    }

    /** The recipients of the message stored at {@code seq}, from the stored windows (for a resend). */
    long[] at(String conversationId, long seq) throws SQLException {
        if (ConversationIds.groupId(conversationId) == null) {
            return direct(conversationId);
        }
        asOf.setString(1, conversationId);
        asOf.setLong(2, seq);
        asOf.setLong(3, seq);
        return sorted(asOf);
    }

    /** Recipients of an event: the members before the change and those it adds. */
    static long[] ofEvent(long[] before, MembershipChange change) {
        return LongStream.concat(LongStream.of(before), change.joined().stream().mapToLong(Long::longValue))
                .distinct().sorted().toArray();
    }

    /** The members after a change. */
    static long[] after(long[] before, MembershipChange change) {
        return LongStream.concat(LongStream.of(before), change.joined().stream().mapToLong(Long::longValue))
                .filter(u -> !change.left().contains(u)).distinct().sorted().toArray();
    }

    private static long[] sorted(PreparedStatement st) throws SQLException {
        long[] out = new long[16];
        int n = 0;
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = rs.getLong(1);
            }
        }
        long[] exact = Arrays.copyOf(out, n);
        Arrays.sort(exact);
        return exact;
    }
}
