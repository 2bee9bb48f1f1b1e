package io.tern.server.store;

import io.tern.server.core.group.Role;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.MembershipChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Group membership inside one commit: may a sender post, and the joins and leaves of event messages, with
 * an overlay so that changes earlier in the batch count for drafts later in it.
 */
final class GroupMembership implements AutoCloseable {
    private record State(boolean active, boolean muted) {
    }

    private final PreparedStatement find;
    private final PreparedStatement join;
    private final PreparedStatement leave;
    private final PreparedStatement version;
    private final Map<String, State> overlay = new HashMap<>();

    GroupMembership(Connection c) throws SQLException {
        this.find = c.prepareStatement("SELECT left_seq, muted FROM members WHERE user_id = ? AND conversation_id = ?");
        this.join = c.prepareStatement("INSERT INTO members (user_id, conversation_id, delivered_seq, read_seq, "
                + "joined_seq, left_seq, role, muted) VALUES (?, ?, ?, ?, ?, NULL, ?, 0) "
                + "ON CONFLICT (user_id, conversation_id) DO UPDATE SET delivered_seq = excluded.delivered_seq, "
                + "read_seq = excluded.read_seq, joined_seq = excluded.joined_seq, left_seq = NULL, "
                + "role = excluded.role, muted = 0");
        // leaving marks the group read: a former member can no longer send READ for it
        this.leave = c.prepareStatement("UPDATE members SET left_seq = ?, read_seq = ?, role = 0, muted = 0 "
                + "WHERE user_id = ? AND conversation_id = ? AND left_seq IS NULL");
        this.version = c.prepareStatement("UPDATE conversations SET members_seq = ? WHERE id = ?");
    }

    /** Why the user may not post in the group now, or null if they may. */
    Outcome refusal(String conversationId, long userId) throws SQLException {
        State s = overlay.get(key(conversationId, userId));
        if (s == null) {
            find.setLong(1, userId);
            find.setString(2, conversationId);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    rs.getLong(1);
                    s = new State(rs.wasNull(), rs.getInt(2) != 0);
                }
            }
        }
        if (s == null || !s.active()) {
            return Outcome.NOT_A_MEMBER;
        }
        return s.muted() ? Outcome.MUTED : null;
    }

    /** Records a change that will be applied later in this batch, for the checks of later drafts. */
    void expect(String conversationId, MembershipChange change) {
        change.joined().forEach(u -> overlay.put(key(conversationId, u), new State(true, false)));
        change.left().forEach(u -> overlay.put(key(conversationId, u), new State(false, false)));
    }

    /** Joiners see from this seq on (their join event included); leavers up to it (their leave included). */
    void apply(String conversationId, long seq, MembershipChange change) throws SQLException {
        for (long user : change.joined()) {
            join.setLong(1, user);
            join.setString(2, conversationId);
            join.setLong(3, seq - 1);
            join.setLong(4, seq - 1);
            join.setLong(5, seq - 1);
            join.setInt(6, (user == change.ownerId() ? Role.OWNER : Role.MEMBER).ordinal());
            join.executeUpdate();
        }
        for (long user : change.left()) {
            leave.setLong(1, seq);
            leave.setLong(2, seq);
            leave.setLong(3, user);
            leave.setString(4, conversationId);
            leave.executeUpdate();
        }
        version.setLong(1, seq);
        version.setString(2, conversationId);
        version.executeUpdate();
    }

    private static String key(String conversationId, long userId) {
        return conversationId + "\u0000" + userId;
    }

    @Override
    public void close() throws SQLException {
        find.close();
        join.close();
        leave.close();
        version.close();
    }
}
