package io.tern.server.store;

import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.GroupCommand.Invite;
import io.tern.server.core.message.GroupCommand.Settings;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A group's own state inside one commit — its settings, whether it was dissolved, its ban list and invite
 * links — read after the conversation row is locked, with an overlay of what drafts earlier in the batch
 * decided (like {@link GroupMembership} for members), and the writes that change it.
 */
final class GroupState {
    /** The settings row; {@code started}: the "created" event is stored, so the group can be joined. */
    record Row(String name, String description, boolean open, boolean adminsOnly, boolean dissolved,
               boolean started) {
        Row with(Settings s) {
            return new Row(s.name() != null ? s.name() : name, s.description() != null ? s.description() : description,
                    s.open() != null ? s.open() : open, s.adminsOnly() != null ? s.adminsOnly() : adminsOnly,
                    dissolved, started);
        }

        Row asDissolved() {
            return new Row(name, description, open, adminsOnly, true, started);
        }
    }

    /** An invite link as stored: its group, expiry (or null), use limit (or null) and uses so far. */
    record InviteRow(long groupId, Long expiresAt, Integer maxUses, int uses, boolean revoked) {
        InviteRow used() {
            return new InviteRow(groupId, expiresAt, maxUses, uses + 1, revoked);
        }
    }

    private static final String ROW = "SELECT g.name, g.description, g.open, g.admins_only, g.dissolved_at, c.last_seq "
            + "FROM chat_groups g JOIN conversations c ON c.id = ? WHERE g.id = ?";

    private final Statements st;
    private final long now;
    private final Map<String, Row> rows = new HashMap<>();
    private final Map<String, Boolean> bans = new HashMap<>();
    private final Map<String, InviteRow> invites = new HashMap<>();

    GroupState(Statements st, long now) {
        this.st = st;
        this.now = now;
    }

    /** The group's row as decided so far in this batch, or null if there is no such group. */
    Row row(String conversationId) throws SQLException {
        Row row = rows.get(conversationId);
        if (row != null) {
            return row;
        }
        PreparedStatement find = st.get(ROW);
        find.setString(1, conversationId);
        find.setLong(2, ConversationIds.groupId(conversationId));
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            rs.getLong(5);
            boolean dissolved = !rs.wasNull();
            row = new Row(rs.getString(1), rs.getString(2), rs.getInt(3) != 0, rs.getInt(4) != 0, dissolved,
                    rs.getLong(6) > 0);
        }
        rows.put(conversationId, row);
        return row;
    }

    void expect(String conversationId, Row row) {
        rows.put(conversationId, row);
    }

    boolean banned(String conversationId, long userId) throws SQLException {
        Boolean b = bans.get(key(conversationId, userId));
        if (b != null) {
            return b;
        }
        PreparedStatement find = st.get("SELECT 1 FROM group_bans WHERE group_id = ? AND user_id = ?");
        find.setLong(1, ConversationIds.groupId(conversationId));
        find.setLong(2, userId);
        try (ResultSet rs = find.executeQuery()) {
            return rs.next();
        }
    }

    void expectBan(String conversationId, long userId, boolean banned) {
        bans.put(key(conversationId, userId), banned);
    }

    /** The invite link with this code, as decided so far in this batch; null if there is none. */
    InviteRow invite(String code) throws SQLException {
        InviteRow row = invites.get(code);
        if (row != null) {
            return row;
        }
        PreparedStatement find = st.get("SELECT group_id, expires_at, max_uses, uses, revoked FROM group_invites "
                + "WHERE code = ?");
        find.setString(1, code);
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long expires = rs.getLong(2);
            Long expiresAt = rs.wasNull() ? null : expires;
            int max = rs.getInt(3);
            Integer maxUses = rs.wasNull() ? null : max;
            row = new InviteRow(rs.getLong(1), expiresAt, maxUses, rs.getInt(4), rs.getInt(5) != 0);
        }
        invites.put(code, row);
        return row;
    }

    void expectInvite(String code, InviteRow row) {
        invites.put(code, row);
    }

    void update(String conversationId, Row row) throws SQLException {
        PreparedStatement update = st.get("UPDATE chat_groups SET name = ?, description = ?, open = ?, admins_only = ? "
                + "WHERE id = ?");
        update.setString(1, row.name());
        update.setString(2, row.description());
        update.setInt(3, row.open() ? 1 : 0);
        update.setInt(4, row.adminsOnly() ? 1 : 0);
        update.setLong(5, ConversationIds.groupId(conversationId));
        update.executeUpdate();
    }

    /** The group ends; its invite links die with it. */
    void dissolve(String conversationId) throws SQLException {
        long groupId = ConversationIds.groupId(conversationId);
        PreparedStatement dissolve = st.get("UPDATE chat_groups SET dissolved_at = ? WHERE id = ?");
        dissolve.setLong(1, now);
        dissolve.setLong(2, groupId);
        dissolve.executeUpdate();
        PreparedStatement revoke = st.get("UPDATE group_invites SET revoked = 1 WHERE group_id = ?");
        revoke.setLong(1, groupId);
        revoke.executeUpdate();
    }

    void ban(String conversationId, long userId, long by) throws SQLException {
        PreparedStatement ban = st.get("INSERT INTO group_bans (group_id, user_id, banned_by, banned_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
        ban.setLong(1, ConversationIds.groupId(conversationId));
        ban.setLong(2, userId);
        ban.setLong(3, by);
        ban.setLong(4, now);
        ban.executeUpdate();
    }

    void unban(String conversationId, long userId) throws SQLException {
        PreparedStatement unban = st.get("DELETE FROM group_bans WHERE group_id = ? AND user_id = ?");
        unban.setLong(1, ConversationIds.groupId(conversationId));
        unban.setLong(2, userId);
        unban.executeUpdate();
    }

    void createInvite(String conversationId, Invite invite, long by) throws SQLException {
        PreparedStatement create = st.get("INSERT INTO group_invites (code, group_id, created_by, created_at, "
                + "expires_at, max_uses, uses, revoked) VALUES (?, ?, ?, ?, ?, ?, 0, 0)");
        create.setString(1, invite.code());
        create.setLong(2, ConversationIds.groupId(conversationId));
        create.setLong(3, by);
        create.setLong(4, now);
        create.setObject(5, invite.expiresAt(), java.sql.Types.BIGINT);
        create.setObject(6, invite.maxUses(), java.sql.Types.INTEGER);
        create.executeUpdate();
    }

    void revokeInvite(String code) throws SQLException {
        PreparedStatement revoke = st.get("UPDATE group_invites SET revoked = 1 WHERE code = ?");
        revoke.setString(1, code);
        revoke.executeUpdate();
    }

    /** Counts one use; the count was checked against the limit in this transaction, under the group's lock. */
    void useInvite(String code) throws SQLException {
        PreparedStatement use = st.get("UPDATE group_invites SET uses = uses + 1 WHERE code = ?");
        use.setString(1, code);
        use.executeUpdate();
    }

    long now() {
        return now;
    }

    private static String key(String conversationId, long userId) {
        return conversationId + "\u0000" + userId;
    }
}
