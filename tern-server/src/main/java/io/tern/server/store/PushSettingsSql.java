package io.tern.server.store;

import io.tern.server.core.push.Mute;
import io.tern.server.core.push.PushSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** The notification settings and mutes of {@link JdbcPushStore}: one row per user, one per muted conversation. */
final class PushSettingsSql {
    private final Jdbc jdbc;

    PushSettingsSql(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    PushSettings settings(long userId) {
        return jdbc.one("SELECT preview, dnd_until FROM push_settings WHERE user_id = ?", st -> st.setLong(1, userId),
                rs -> new PushSettings(rs.getInt(1) != 0, rs.getLong(2))).orElse(PushSettings.DEFAULT);
    }

    void saveSettings(long userId, PushSettings s) {
        jdbc.update("INSERT INTO push_settings (user_id, preview, dnd_until) VALUES (?, ?, ?) ON CONFLICT (user_id) "
                + "DO UPDATE SET preview = excluded.preview, dnd_until = excluded.dnd_until", st -> {
                    st.setLong(1, userId);
                    st.setInt(2, s.preview() ? 1 : 0);
                    st.setLong(3, s.dndUntil());
                });
    }

    List<Mute> mutes(long userId) {
        return jdbc.list("SELECT conversation_id, until_ts FROM push_mutes WHERE user_id = ? ORDER BY conversation_id",
                st -> st.setLong(1, userId), PushSettingsSql::mute);
    }

    Optional<Mute> mute(long userId, String conversationId) {
        return jdbc.one("SELECT conversation_id, until_ts FROM push_mutes WHERE user_id = ? AND conversation_id = ?",
                st -> {
                    st.setLong(1, userId);
                    st.setString(2, conversationId);
                }, PushSettingsSql::mute);
    }

    void saveMute(long userId, Mute mute) {
        jdbc.update("INSERT INTO push_mutes (user_id, conversation_id, until_ts) VALUES (?, ?, ?) "
                + "ON CONFLICT (user_id, conversation_id) DO UPDATE SET until_ts = excluded.until_ts", st -> {
                    st.setLong(1, userId);
                    st.setString(2, mute.conversationId());
                    if (mute.until() == null) {
                        st.setNull(3, Types.BIGINT);
                    } else {
                        st.setLong(3, mute.until());
                    }
                });
    }

    boolean removeMute(long userId, String conversationId) {
        return jdbc.update("DELETE FROM push_mutes WHERE user_id = ? AND conversation_id = ?", st -> {
            st.setLong(1, userId);
            st.setString(2, conversationId);
        }) > 0;
    }

    private static Mute mute(ResultSet rs) throws SQLException {
        String conversation = rs.getString(1);
        long until = rs.getLong(2);
        return new Mute(conversation, rs.wasNull() ? null : until);
    }
}
