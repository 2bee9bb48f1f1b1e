package io.tern.server.store;

import io.tern.server.core.group.Role;
import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.MembershipChange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Group membership inside one commit: who is a member with which role and mute, how many members a group
 * has, and the writes that change them. An overlay holds what drafts earlier in the batch decided, so later
 * drafts are checked against it before anything is written. Reads run after the conversation row is locked
 * (see {@link BatchCommit}), so on PostgreSQL they see every change another node committed before.
 */
final class GroupMembership {
    /** A user's standing in a group; {@link #NONE} for a non-member. A mute ends at {@code mutedUntil} (or never). */
    record State(boolean active, Role role, boolean muted, Long mutedUntil) {
        static final State NONE = new State(false, Role.MEMBER, false, null);

        State(boolean active, Role role, boolean muted) {
            this(active, role, muted, null);
        }

        /** Muted at this time: an expired mute stops applying by itself, no job clears it. */
        boolean mutedAt(long now) {
            return muted && (mutedUntil == null || mutedUntil > now);
        }
    }

    private static final String FIND = "SELECT left_seq, muted, role, muted_until FROM members WHERE user_id = ? AND conversation_id = ?";
    private static final String COUNT = "SELECT COUNT(*) FROM members WHERE conversation_id = ? AND left_seq IS NULL";
    /** A rejoin keeps delivered_seq: what the user's devices lack of an earlier window is still offered. */
    private static final String JOIN = "INSERT INTO members (user_id, conversation_id, delivered_seq, read_seq, "
            + "joined_seq, left_seq, role, muted) VALUES (?, ?, ?, ?, ?, NULL, ?, 0) "
            + "ON CONFLICT (user_id, conversation_id) DO UPDATE SET read_seq = excluded.read_seq, "
            + "joined_seq = excluded.joined_seq, left_seq = NULL, role = excluded.role, muted = 0, muted_until = NULL";
    private static final String OPEN_WINDOW = "INSERT INTO member_windows (conversation_id, user_id, joined_seq, "
            + "left_seq) VALUES (?, ?, ?, NULL)";
    /** Leaving marks the group read: a former member can no longer send READ for it. */
    private static final String LEAVE = "UPDATE members SET left_seq = ?, read_seq = ?, role = 0, muted = 0, muted_until = NULL "
            + "WHERE user_id = ? AND conversation_id = ? AND left_seq IS NULL";
    private static final String CLOSE_WINDOW = "UPDATE member_windows SET left_seq = ? "
            + "WHERE conversation_id = ? AND user_id = ? AND left_seq IS NULL";
    private static final String VERSION = "UPDATE conversations SET members_seq = ? WHERE id = ?";
    private static final String CANDIDATES = "SELECT user_id, role, joined_seq FROM members "
            + "WHERE conversation_id = ? AND left_seq IS NULL AND user_id <> ?";

    private final Statements st;
    private final Map<String, State> overlay = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    GroupMembership(Statements st) {
        this.st = st;
    }

    /** The user's standing now: as decided earlier in this batch, else as stored. */
    State state(String conversationId, long userId) throws SQLException {
        State s = overlay.get(key(conversationId, userId));
        if (s != null) {
            return s;
        }
        PreparedStatement find = st.get(FIND);
        find.setLong(1, userId);
        find.setString(2, conversationId);
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                return State.NONE;
            }
            rs.getLong(1);
            boolean active = rs.wasNull(); // no left_seq: a current member
            if (!active) {
                return State.NONE;
            }
            long until = rs.getLong(4);
            Long mutedUntil = rs.wasNull() ? null : until;
            return new State(true, Role.values()[rs.getInt(3)], rs.getInt(2) != 0, mutedUntil);
        }
    }

    /** Current members of the group, this batch's decisions included. */
    int count(String conversationId) throws SQLException {
        Integer n = counts.get(conversationId);
        if (n == null) {
            PreparedStatement count = st.get(COUNT);
            count.setString(1, conversationId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                n = rs.getInt(1);
            }
            counts.put(conversationId, n);
        }
        return n;
    }

    /** Who inherits an owner's group: the highest role, then the longest-standing; 0 if nobody is left. */
    long heir(String conversationId, long owner) throws SQLException {
        record Candidate(long userId, Role role, long joinedSeq) {
        }
        List<Candidate> all = new ArrayList<>();
        PreparedStatement candidates = st.get(CANDIDATES);
        candidates.setString(1, conversationId);
        candidates.setLong(2, owner);
        try (ResultSet rs = candidates.executeQuery()) {
            while (rs.next()) {
                State s = state(conversationId, rs.getLong(1));
                if (s.active()) {
                    all.add(new Candidate(rs.getLong(1), s.role(), rs.getLong(3)));
                }
            }
        }
        return all.stream().min(Comparator.comparing(Candidate::role).reversed()
                        .thenComparingLong(Candidate::joinedSeq).thenComparingLong(Candidate::userId))
                .map(Candidate::userId).orElse(0L);
    }

    /** The current members, this batch's decisions included, by user id. */
    List<Long> current(String conversationId) throws SQLException {
        java.util.TreeSet<Long> users = new java.util.TreeSet<>();
        PreparedStatement find = st.get("SELECT user_id FROM members WHERE conversation_id = ? AND left_seq IS NULL");
        find.setString(1, conversationId);
        try (ResultSet rs = find.executeQuery()) {
            while (rs.next()) {
                users.add(rs.getLong(1));
            }
        }
        String prefix = conversationId + "\u0000";
        for (String key : overlay.keySet()) {
            if (key.startsWith(prefix)) {
                users.add(Long.parseLong(key.substring(prefix.length())));
            }
        }
        List<Long> out = new ArrayList<>();
        for (long u : users) {
            if (state(conversationId, u).active()) {
                out.add(u);
            }
        }
        return out;
    }

    /** Records a decision for the checks of later drafts in this batch; it is written by the effects later. */
    void expect(String conversationId, long userId, State state) throws SQLException {
        boolean was = state(conversationId, userId).active();
        int n = count(conversationId);
        counts.put(conversationId, n + (state.active() == was ? 0 : state.active() ? 1 : -1));
        overlay.put(key(conversationId, userId), state);
    }

    /** Joiners see from this seq on (their join event included); leavers up to it (their leave included). */
    void apply(String conversationId, long seq, MembershipChange change) throws SQLException {
        PreparedStatement join = st.get(JOIN);
        PreparedStatement openWindow = st.get(OPEN_WINDOW);
        PreparedStatement leave = st.get(LEAVE);
        PreparedStatement closeWindow = st.get(CLOSE_WINDOW);
        for (long user : change.joined()) {
            join.setLong(1, user);
            join.setString(2, conversationId);
            join.setLong(3, seq - 1);
            join.setLong(4, seq - 1);
            join.setLong(5, seq - 1);
            join.setInt(6, (user == change.ownerId() ? Role.OWNER : Role.MEMBER).ordinal());
            join.executeUpdate();
            openWindow.setString(1, conversationId);
            openWindow.setLong(2, user);
            openWindow.setLong(3, seq - 1);
            openWindow.executeUpdate();
        }
        for (long user : change.left()) {
            leave.setLong(1, seq);
            leave.setLong(2, seq);
            leave.setLong(3, user);
            leave.setString(4, conversationId);
            leave.executeUpdate();
            closeWindow.setLong(1, seq);
            closeWindow.setString(2, conversationId);
            closeWindow.setLong(3, user);
            closeWindow.executeUpdate();
        }
        PreparedStatement version = st.get(VERSION);
        version.setLong(1, seq);
        version.setString(2, conversationId);
        version.executeUpdate();
    }

    void setRole(String conversationId, long userId, Role role) throws SQLException {
        updateMember("role = " + role.ordinal(), conversationId, userId);
    }

    void setMuted(String conversationId, long userId, boolean muted, Long until) throws SQLException {
        PreparedStatement mute = st.get("UPDATE members SET muted = ?, muted_until = ? "
                + "WHERE conversation_id = ? AND user_id = ? AND left_seq IS NULL");
        mute.setInt(1, muted ? 1 : 0);
        mute.setObject(2, muted ? until : null, java.sql.Types.BIGINT);
        mute.setString(3, conversationId);
        mute.setLong(4, userId);
        mute.executeUpdate();
    }

    /** The new owner is unmuted (nobody outranks an owner); the old one becomes an admin. */
    void transferOwnership(String conversationId, long oldOwner, long newOwner) throws SQLException {
        PreparedStatement owner = st.get("UPDATE chat_groups SET owner_id = ? WHERE id = ?");
        owner.setLong(1, newOwner);
        owner.setLong(2, ConversationIds.groupId(conversationId));
        owner.executeUpdate();
        updateMember("role = " + Role.OWNER.ordinal() + ", muted = 0, muted_until = NULL", conversationId, newOwner);
        setRole(conversationId, oldOwner, Role.ADMIN);
    }

    private void updateMember(String assignment, String conversationId, long userId) throws SQLException {
        PreparedStatement update = st.get("UPDATE members SET " + assignment
                + " WHERE conversation_id = ? AND user_id = ? AND left_seq IS NULL");
        update.setString(1, conversationId);
        update.setLong(2, userId);
        update.executeUpdate();
    }

    private static String key(String conversationId, long userId) {
        return conversationId + "\u0000" + userId;
    }
}
