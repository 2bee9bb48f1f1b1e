package io.tern.server.store;

import io.tern.server.core.StoreException;
import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.Message;
import io.tern.server.core.push.Mute;
import io.tern.server.core.push.Platform;
import io.tern.server.core.push.PushDevice;
import io.tern.server.core.push.PushJob;
import io.tern.server.core.push.PushSettings;
import io.tern.server.core.push.PushStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Push devices, settings and jobs on the read/write pool (never the message writer's connection). The message
 * tables are only read here, and only by the push worker's thread.
 */
public final class JdbcPushStore implements PushStore {
    private static final String DEVICE_COLUMNS =
            "id, user_id, device_id, token_hash, platform, token, p256dh, auth, locale, created_at";
    private static final String JOB_COLUMNS =
            "device_ref, conversation_id, upto_seq, sending_seq, sent_seq, mentioned, messages, attempts";
    /** Devices whose login token is revoked (logout), expired, or gone; bind: now. */
    private static final String LOGGED_OUT = "SELECT d.id FROM push_devices d LEFT JOIN tokens t "
            + "ON t.token_hash = d.token_hash WHERE t.token_hash IS NULL OR t.revoked = 1 OR t.expires_at <= ?";

    private final Database database;
    private final Jdbc jdbc;
    private final PushJobSql jobs;
    private final PushSettingsSql settings;

    public JdbcPushStore(Database database) {
        this.database = database;
        this.jdbc = new Jdbc(database.pool());
        this.jobs = new PushJobSql(database.dialect());
        this.settings = new PushSettingsSql(jdbc);
    }

    @Override
    public PushDevice register(NewDevice d, long now) {
        return inTransaction(c -> {
            try (PreparedStatement old = c.prepareStatement("SELECT id FROM push_devices WHERE platform = ? AND token = ?")) {
                old.setString(1, d.platform().wireName());
                old.setString(2, d.token());
                try (ResultSet rs = old.executeQuery()) {
                    while (rs.next()) {
                        deleteDevice(c, rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO push_devices (user_id, device_id, token_hash, "
                    + "platform, token, p256dh, auth, locale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                st.setLong(1, d.userId());
                st.setString(2, d.deviceId());
                st.setString(3, d.tokenHash());
                st.setString(4, d.platform().wireName());
                st.setString(5, d.token());
                st.setString(6, d.p256dh());
                st.setString(7, d.auth());
                st.setString(8, d.locale());
                st.setLong(9, now);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new PushDevice(rs.getLong(1), d.userId(), d.deviceId(), d.tokenHash(), d.platform(), d.token(),
                            d.p256dh(), d.auth(), d.locale(), now);
                }
            }
        });
    }

    @Override
    public List<PushDevice> devices(long userId) {
        return jdbc.list("SELECT " + DEVICE_COLUMNS + " FROM push_devices WHERE user_id = ? ORDER BY id",
                st -> st.setLong(1, userId), JdbcPushStore::device);
    }

    @Override
    public Optional<PushDevice> device(long id) {
        return jdbc.one("SELECT " + DEVICE_COLUMNS + " FROM push_devices WHERE id = ?", st -> st.setLong(1, id),
                JdbcPushStore::device);
    }

    @Override
    public boolean remove(long userId, long id) {
        return inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM push_devices WHERE id = ? AND user_id = ?")) {
                st.setLong(1, id);
                st.setLong(2, userId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            deleteDevice(c, id);
            return true;
        });
    }

    @Override
    public void removeDevice(long id) {
        inTransaction(c -> {
            deleteDevice(c, id);
            return null;
        });
    }

    @Override
    public int removeLoggedOut(long now) {
        List<Long> ids = jdbc.list(LOGGED_OUT, st -> st.setLong(1, now), rs -> rs.getLong(1));
        ids.forEach(this::removeDevice);
        return ids.size();
    }

    private static void deleteDevice(Connection c, long id) throws SQLException {
        for (String sql : new String[] {"DELETE FROM push_jobs WHERE device_ref = ?", "DELETE FROM push_devices WHERE id = ?"}) {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setLong(1, id);
                st.executeUpdate();
            }
        }
    }

    @Override
    public Map<Long, List<Long>> deviceRefs(Collection<Long> userIds) {
        Map<Long, List<Long>> out = new HashMap<>();
        List<Long> users = List.copyOf(userIds);
        for (int from = 0; from < users.size(); from += 500) {
            List<Long> chunk = users.subList(from, Math.min(users.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.list("SELECT user_id, id FROM push_devices WHERE user_id IN (" + marks + ")", st -> {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setLong(i + 1, chunk.get(i));
                }
            }, rs -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .forEach(row -> out.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]));
        }
        return out;
    }

    @Override
    public PushSettings settings(long userId) {
        return settings.settings(userId);
    }

    @Override
    public void saveSettings(long userId, PushSettings s) {
        settings.saveSettings(userId, s);
    }

    @Override
    public List<Mute> mutes(long userId) {
        return settings.mutes(userId);
    }

    @Override
    public Optional<Mute> mute(long userId, String conversationId) {
        return settings.mute(userId, conversationId);
    }

    @Override
    public void saveMute(long userId, Mute mute) {
        settings.saveMute(userId, mute);
    }

    @Override
    public boolean removeMute(long userId, String conversationId) {
        return settings.removeMute(userId, conversationId);
    }

    @Override
    public long watermark(long initial) {
        jdbc.update("INSERT INTO push_state (name, value) VALUES ('watermark', ?) ON CONFLICT (name) DO NOTHING",
                st -> st.setLong(1, initial));
        return jdbc.one("SELECT value FROM push_state WHERE name = 'watermark'", st -> { }, rs -> rs.getLong(1))
                .orElse(initial);
    }

    @Override
    public List<Head> changed(long sinceTs, int limit) {
        return jdbc.list("SELECT c.id, c.last_seq, c.last_ts, COALESCE(p.seq, -1) FROM conversations c "
                        + "LEFT JOIN push_cursors p ON p.conversation_id = c.id "
                        + "WHERE c.last_ts >= ? AND c.last_seq > COALESCE(p.seq, 0) ORDER BY c.last_ts LIMIT ?",
                st -> {
                    st.setLong(1, sinceTs);
                    st.setInt(2, limit);
                }, rs -> new Head(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    @Override
    public List<Message> messages(String conversationId, long afterSeq, long maxSeq, long minTs, int limit) {
        return jdbc.list("SELECT " + JdbcMessageStore.MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? "
                        + "AND seq > ? AND seq <= ? AND ts >= ? ORDER BY seq LIMIT ?",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, afterSeq);
                    st.setLong(3, maxSeq);
                    st.setLong(4, minTs);
                    st.setInt(5, limit);
                }, JdbcMessageStore::message);
    }

    @Override
    public List<Window> windows(String conversationId, long afterSeq, long maxSeq) {
        return jdbc.list("SELECT w.user_id, w.joined_seq, w.left_seq FROM member_windows w WHERE w.conversation_id = ? "
                        + "AND w.joined_seq < ? AND (w.left_seq IS NULL OR w.left_seq > ?) "
                        + "AND EXISTS (SELECT 1 FROM push_devices d WHERE d.user_id = w.user_id)",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, maxSeq);
                    st.setLong(3, afterSeq);
                }, rs -> {
                    long user = rs.getLong(1);
                    long joined = rs.getLong(2);
                    long left = rs.getLong(3);
                    return new Window(user, joined, rs.wasNull() ? null : left);
                });
    }

    @Override
    public void enqueue(List<Advance> advances, long watermark) {
        if (advances.isEmpty()) {
            return;
        }
        inTransaction(c -> {
            for (Advance a : advances) {
                jobs.raise(c, a.updates());
                jobs.moveCursor(c, a.conversationId(), a.cursor(), watermark);
            }
            return null;
        });
    }

    @Override
    public List<PushJob> pending(int limit) {
        return jdbc.list("SELECT " + JOB_COLUMNS + " FROM push_jobs WHERE upto_seq > sent_seq LIMIT ?",
                st -> st.setInt(1, limit), JdbcPushStore::job);
    }

    @Override
    public Optional<PushJob> job(PushJob.Key key) {
        return jdbc.one("SELECT " + JOB_COLUMNS + " FROM push_jobs WHERE device_ref = ? AND conversation_id = ?",
                st -> bindKey(st, 1, key), JdbcPushStore::job);
    }

    @Override
    public boolean claim(PushJob job, long seq, long now, long leaseMillis) {
        return jdbc.update("UPDATE push_jobs SET sending_seq = ?, claimed_until = ? WHERE device_ref = ? "
                + "AND conversation_id = ? AND sent_seq = ? AND upto_seq = ? AND claimed_until < ?", st -> {
                    st.setLong(1, seq);
                    st.setLong(2, now + leaseMillis);
                    bindKey(st, 3, job.key());
                    st.setLong(5, job.sentSeq());
                    st.setLong(6, job.uptoSeq());
                    st.setLong(7, now);
                }) == 1;
    }

    @Override
    public void done(PushJob.Key key, long seq) {
        jdbc.update(database.dialect().sql("UPDATE push_jobs SET sent_seq = {{GREATEST}}(sent_seq, ?), "
                + "sending_seq = {{GREATEST}}(sending_seq, ?), attempts = 0, claimed_until = 0, "
                + "messages = CASE WHEN upto_seq > ? THEN 1 ELSE 0 END, mentioned = CASE WHEN upto_seq > ? THEN mentioned "
                + "ELSE 0 END WHERE device_ref = ? AND conversation_id = ?"), st -> {
                    for (int i = 1; i <= 4; i++) {
                        st.setLong(i, seq);
                    }
                    bindKey(st, 5, key);
                });
    }

    @Override
    public void failed(PushJob.Key key, int attempts) {
        jdbc.update("UPDATE push_jobs SET attempts = ?, sending_seq = sent_seq, claimed_until = 0 WHERE device_ref = ? "
                        + "AND conversation_id = ?",
                st -> {
                    st.setInt(1, attempts);
                    bindKey(st, 2, key);
                });
    }

    @Override
    public Optional<Message> message(String conversationId, long seq) {
        return jdbc.one("SELECT " + JdbcMessageStore.MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq = ?",
                st -> {
                    st.setString(1, conversationId);
                    st.setLong(2, seq);
                }, JdbcMessageStore::message);
    }

    @Override
    public long[] cursors(long userId, String conversationId) {
        return jdbc.one("SELECT read_seq, delivered_seq FROM members WHERE user_id = ? AND conversation_id = ?", st -> {
            st.setLong(1, userId);
            st.setString(2, conversationId);
        }, rs -> new long[] {rs.getLong(1), rs.getLong(2)}).orElse(new long[] {0, 0});
    }

    @Override
    public long unread(long userId) {
        // control events (edits, reactions, ...) never count: those in each unread range are taken off
        return jdbc.one(database.dialect().sql("SELECT COALESCE(SUM(c.last_seq - {{GREATEST}}(m.read_seq, m.joined_seq) "
                + "- (SELECT COUNT(*) FROM messages x WHERE x.conversation_id = m.conversation_id AND x.control = 1 "
                + "AND x.seq > {{GREATEST}}(m.read_seq, m.joined_seq) AND x.seq <= c.last_seq)), 0) "
                + "FROM members m JOIN conversations c ON c.id = m.conversation_id WHERE m.user_id = ? "
                + "AND m.left_seq IS NULL AND c.last_seq > {{GREATEST}}(m.read_seq, m.joined_seq)"),
                st -> st.setLong(1, userId), rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public Optional<String> username(long userId) {
        return jdbc.one("SELECT username FROM accounts WHERE id = ?", st -> st.setLong(1, userId), rs -> rs.getString(1));
    }

    @Override
    public Optional<String> groupName(String conversationId) {
        Long group = ConversationIds.groupId(conversationId);
        return group == null ? Optional.empty() : jdbc.one("SELECT name FROM chat_groups WHERE id = ?",
                st -> st.setLong(1, group), rs -> rs.getString(1));
    }

    private static void bindKey(PreparedStatement st, int index, PushJob.Key key) throws SQLException {
        st.setLong(index, key.deviceRef());
        st.setString(index + 1, key.conversationId());
    }

    private static PushDevice device(ResultSet rs) throws SQLException {
        return new PushDevice(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                Platform.parse(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getLong(10));
    }

    private static PushJob job(ResultSet rs) throws SQLException {
        return new PushJob(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getInt(6) != 0, rs.getInt(7), rs.getInt(8));
    }


    /** One transaction on a pooled connection; SQLite takes the write lock at once (BEGIN IMMEDIATE). */
    private <T> T inTransaction(Database.SqlWork<T> work) {
        return PooledTransaction.run(database, work);
    }
}
