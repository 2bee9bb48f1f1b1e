package io.tern.server.store;

import io.tern.server.core.push.PushStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The writes of {@link JdbcPushStore#enqueue}: a job raised to a seq it already has changes nothing, so reading
 * the same log range twice (after a crash) neither duplicates a job nor counts its messages twice; a job whose
 * last burst was done starts a new burst (count and mention reset).
 */
final class PushJobSql {
    private final String raise;
    private final String cursor;
    private final String watermark;

    PushJobSql(Dialect dialect) {
        String pending = "push_jobs.upto_seq > push_jobs.sent_seq";
        this.raise = dialect.sql("INSERT INTO push_jobs (device_ref, conversation_id, upto_seq, mentioned, messages) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_ref, conversation_id) DO UPDATE SET "
                + "mentioned = CASE WHEN excluded.upto_seq <= push_jobs.upto_seq THEN push_jobs.mentioned "
                + "WHEN " + pending + " THEN {{GREATEST}}(push_jobs.mentioned, excluded.mentioned) ELSE excluded.mentioned END, "
                + "messages = CASE WHEN excluded.upto_seq <= push_jobs.upto_seq THEN push_jobs.messages "
                + "WHEN " + pending + " THEN push_jobs.messages + excluded.messages ELSE excluded.messages END, "
                + "upto_seq = {{GREATEST}}(push_jobs.upto_seq, excluded.upto_seq)");
        this.cursor = dialect.sql("INSERT INTO push_cursors (conversation_id, seq) VALUES (?, ?) ON CONFLICT "
                + "(conversation_id) DO UPDATE SET seq = {{GREATEST}}(push_cursors.seq, excluded.seq)");
        this.watermark = dialect.sql("UPDATE push_state SET value = {{GREATEST}}(value, ?) WHERE name = 'watermark'");
    }

    void raise(Connection c, List<PushStore.JobUpdate> updates) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(raise)) {
            for (PushStore.JobUpdate u : updates) {
                st.setLong(1, u.deviceRef());
                st.setString(2, u.conversationId());
                st.setLong(3, u.seq());
                st.setInt(4, u.mentioned() ? 1 : 0);
                st.setInt(5, u.messages());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    void moveCursor(Connection c, String conversationId, long seq, long watermarkTs) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(cursor)) {
            st.setString(1, conversationId);
            st.setLong(2, seq);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(watermark)) {
            st.setLong(1, watermarkTs);
            st.executeUpdate();
        }
    }
}
