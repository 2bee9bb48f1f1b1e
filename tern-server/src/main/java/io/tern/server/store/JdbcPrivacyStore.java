package io.tern.server.store;

import io.tern.server.core.people.Privacy;
import io.tern.server.core.people.PrivacyStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code privacy} table: one row per user who changed a setting. */
public final class JdbcPrivacyStore implements PrivacyStore {
    private static final int CHUNK = 500;

    private final Jdbc jdbc;

    public JdbcPrivacyStore(Database database) {
        this.jdbc = new Jdbc(database.pool());
    }

    @Override
    public Map<Long, Privacy> of(Collection<Long> userIds) {
        Map<Long, Privacy> out = new HashMap<>();
        List<Long> ids = List.copyOf(userIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.list("SELECT user_id, presence, receipts FROM privacy WHERE user_id IN (" + marks + ")", st -> {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setLong(i + 1, chunk.get(i));
                }
            }, rs -> out.put(rs.getLong(1), new Privacy(Privacy.Audience.valueOf(rs.getString(2)),
                    Privacy.Audience.valueOf(rs.getString(3)))));
        }
        return out;
    }

    @Override
    public void save(long userId, Privacy privacy) {
        jdbc.update("INSERT INTO privacy (user_id, presence, receipts) VALUES (?, ?, ?) ON CONFLICT (user_id) "
                + "DO UPDATE SET presence = excluded.presence, receipts = excluded.receipts", st -> {
                    st.setLong(1, userId);
                    st.setString(2, privacy.presence().name());
                    st.setString(3, privacy.receipts().name());
                });
    }
}
