package io.tern.server.store;

import io.tern.server.core.people.PeopleStore;
import io.tern.server.core.people.Profile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Profiles and the directory; same SQL on SQLite and PostgreSQL. */
public final class JdbcPeopleStore implements PeopleStore {
    private static final String SELECT = "SELECT a.id, a.username, p.display_name, p.avatar_media_id FROM accounts a "
            + "LEFT JOIN profiles p ON p.user_id = a.id ";

    private final Jdbc jdbc;

    public JdbcPeopleStore(Database database) {
        this.jdbc = new Jdbc(database.pool());
    }

    @Override
    public List<Profile> findByPrefix(String lowerPrefix, String afterUsername, int limit) {
        String pattern = JdbcMessageSearch.escapeLike(lowerPrefix) + "%";
        return jdbc.list(SELECT + "WHERE a.status = 'active' AND a.username > ? AND (LOWER(a.username) LIKE ? "
                        + "ESCAPE '\\' OR p.display_key LIKE ? ESCAPE '\\') ORDER BY a.username LIMIT ?",
                st -> {
                    st.setString(1, afterUsername);
                    st.setString(2, pattern);
                    st.setString(3, pattern);
                    st.setInt(4, limit);
                }, JdbcPeopleStore::row);
    }

    @Override
    public Optional<Profile> profile(long userId) {
        return jdbc.one(SELECT + "WHERE a.id = ?", st -> st.setLong(1, userId), JdbcPeopleStore::row);
    }

    @Override
    public void saveProfile(long userId, String displayName, String displayKey, String avatarMediaId, long now) {
        jdbc.update("INSERT INTO profiles (user_id, display_name, display_key, avatar_media_id, updated_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, "
                + "display_key = excluded.display_key, avatar_media_id = excluded.avatar_media_id, "
                + "updated_at = excluded.updated_at", st -> {
                    st.setLong(1, userId);
                    st.setString(2, displayName);
                    st.setString(3, displayKey);
                    st.setString(4, avatarMediaId);
                    st.setLong(5, now);
                });
    }

    private static Profile row(ResultSet rs) throws SQLException {
        return new Profile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }
}
