package io.tern.server.store;

import io.tern.server.core.StoreException;
import io.tern.server.core.group.Group;
import io.tern.server.core.group.GroupBan;
import io.tern.server.core.group.GroupInvite;
import io.tern.server.core.group.GroupMember;
import io.tern.server.core.group.GroupStore;
import io.tern.server.core.group.Role;
import io.tern.server.core.message.ConversationIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Groups in {@code chat_groups}; their members are the {@code members} rows of conversation {@code g:<id>}. */
public final class JdbcGroupStore implements GroupStore {
    private static final String GROUP_COLUMNS = "id, name, owner_id, open, created_at, description, admins_only, dissolved_at";
    private static final String INVITE_COLUMNS = "code, group_id, created_by, created_at, expires_at, max_uses, "
            + "uses, revoked";
    private static final String MEMBER_SELECT = "SELECT user_id, role, muted, joined_seq, muted_until FROM members "
            + "WHERE conversation_id = ? AND left_seq IS NULL ";

    private final Database database;
    private final Jdbc jdbc;

    public JdbcGroupStore(Database database) {
        this.database = database;
        this.jdbc = new Jdbc(database.pool());
    }

    @Override
    public long create(String name, long ownerId, boolean open, long now) {
        try (Connection c = database.pool().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement group = c.prepareStatement("INSERT INTO chat_groups (name, owner_id, open, created_at) "
                    + "VALUES (?, ?, ?, ?) RETURNING id");
                 PreparedStatement conv = c.prepareStatement(
                         "INSERT INTO conversations (id, last_seq, last_ts) VALUES (?, 0, ?)")) {
                group.setString(1, name);
                group.setLong(2, ownerId);
                group.setInt(3, open ? 1 : 0);
                group.setLong(4, now);
                long id;
                try (ResultSet rs = group.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                conv.setString(1, ConversationIds.group(id));
                conv.setLong(2, now);
                conv.executeUpdate();
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot create group: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Group> find(long groupId) {
        return jdbc.one("SELECT " + GROUP_COLUMNS + " FROM chat_groups WHERE id = ?", st -> st.setLong(1, groupId),
                JdbcGroupStore::group);
    }

    @Override
    public List<GroupMember> members(long groupId, int limit, int offset) {
        return jdbc.list(MEMBER_SELECT + "ORDER BY joined_seq, user_id LIMIT ? OFFSET ?", st -> {
            st.setString(1, ConversationIds.group(groupId));
            st.setInt(2, limit);
            st.setInt(3, offset);
        }, JdbcGroupStore::member);
    }

    @Override
    public Optional<GroupMember> member(long groupId, long userId) {
        return jdbc.one(MEMBER_SELECT + "AND user_id = ?", st -> {
            st.setString(1, ConversationIds.group(groupId));
            st.setLong(2, userId);
        }, JdbcGroupStore::member);
    }

    @Override
    public int memberCount(long groupId) {
        return jdbc.one("SELECT COUNT(*) FROM members WHERE conversation_id = ? AND left_seq IS NULL",
                st -> st.setString(1, ConversationIds.group(groupId)), rs -> rs.getInt(1)).orElse(0);
    }

    @Override
    public List<Long> memberIds(long groupId) {
        return jdbc.list("SELECT user_id FROM members WHERE conversation_id = ? AND left_seq IS NULL",
                st -> st.setString(1, ConversationIds.group(groupId)), rs -> rs.getLong(1));
    }

    @Override
    public long membersSeq(long groupId) {
        return jdbc.one("SELECT members_seq FROM conversations WHERE id = ?",
                st -> st.setString(1, ConversationIds.group(groupId)), rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public List<Group> groupsOf(long userId) {
        return jdbc.list("SELECT g.id, g.name, g.owner_id, g.open, g.created_at, g.description, g.admins_only, g.dissolved_at "
                        + "FROM chat_groups g "
                        + "JOIN members m ON m.conversation_id = 'g:' || g.id "
                        + "WHERE m.user_id = ? AND m.left_seq IS NULL ORDER BY g.id",
                st -> st.setLong(1, userId), JdbcGroupStore::group);
    }

    @Override
    public List<Long> existingUsers(List<Long> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        String marks = userIds.stream().map(id -> "?").collect(Collectors.joining(","));
        return jdbc.list("SELECT id FROM accounts WHERE id IN (" + marks + ")", st -> {
            for (int i = 0; i < userIds.size(); i++) {
                st.setLong(i + 1, userIds.get(i));
            }
        }, rs -> rs.getLong(1));
    }

    @Override
    public List<GroupBan> bans(long groupId) {
        return jdbc.list("SELECT user_id, banned_by, banned_at FROM group_bans WHERE group_id = ? "
                        + "ORDER BY banned_at, user_id", st -> st.setLong(1, groupId),
                rs -> new GroupBan(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    @Override
    public List<GroupInvite> invites(long groupId) {
        return jdbc.list("SELECT " + INVITE_COLUMNS + " FROM group_invites WHERE group_id = ? AND revoked = 0 "
                + "ORDER BY created_at DESC, code", st -> st.setLong(1, groupId), JdbcGroupStore::invite);
    }

    @Override
    public Optional<GroupInvite> invite(String code) {
        return jdbc.one("SELECT " + INVITE_COLUMNS + " FROM group_invites WHERE code = ?", st -> st.setString(1, code),
                JdbcGroupStore::invite);
    }

    private static Group group(ResultSet rs) throws SQLException {
        long dissolved = rs.getLong(8);
        Long dissolvedAt = rs.wasNull() ? null : dissolved;
        return new Group(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4) != 0, rs.getLong(5),
                rs.getString(6), rs.getInt(7) != 0, dissolvedAt);
    }

    private static GroupMember member(ResultSet rs) throws SQLException {
        long until = rs.getLong(5);
        Long mutedUntil = rs.wasNull() ? null : until;
        return new GroupMember(rs.getLong(1), Role.values()[rs.getInt(2)], rs.getInt(3) != 0, rs.getLong(4), mutedUntil);
    }

    private static GroupInvite invite(ResultSet rs) throws SQLException {
        long expires = rs.getLong(5);
        Long expiresAt = rs.wasNull() ? null : expires;
        int max = rs.getInt(6);
        Integer maxUses = rs.wasNull() ? null : max;
        return new GroupInvite(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), expiresAt, maxUses,
                rs.getInt(7), rs.getInt(8) != 0);
    }
}
