package io.tern.server.store;

import io.tern.server.core.media.MediaStore;
import io.tern.server.core.media.StoredMedia;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

/** Media rows and the access check on {@code media_refs} and {@code member_windows}; same SQL on SQLite and PostgreSQL. */
public final class JdbcMediaStore implements MediaStore {
    private static final String COLUMNS = "id, owner_id, sha256, upload_sha256, size, mime, name, width, height, "
            + "thumb_sha256, thumb_size, thumb_width, thumb_height, created_at";
    /** Neither named by a message nor anyone's avatar (docs/people.md): what the sweep may delete. */
    private static final String UNREFERENCED = "NOT EXISTS (SELECT 1 FROM media_refs r WHERE r.media_id = media.id) "
            + "AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.avatar_media_id = media.id)";

    private final Jdbc jdbc;

    public JdbcMediaStore(Database database) {
        this.jdbc = new Jdbc(database.pool());
    }

    @Override
    public Optional<StoredMedia> find(String id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM media WHERE id = ?", st -> st.setString(1, id), JdbcMediaStore::row);
    }

    @Override
    public Optional<StoredMedia> findByUpload(String uploadSha256) {
        return jdbc.one("SELECT " + COLUMNS + " FROM media WHERE upload_sha256 = ? LIMIT 1",
                st -> st.setString(1, uploadSha256), JdbcMediaStore::row);
    }

    @Override
    public Optional<StoredMedia> findByUpload(long ownerId, String uploadSha256) {
        return jdbc.one("SELECT " + COLUMNS + " FROM media WHERE owner_id = ? AND upload_sha256 = ? LIMIT 1", st -> {
            st.setLong(1, ownerId);
            st.setString(2, uploadSha256);
        }, JdbcMediaStore::row);
    }

    @Override
    public long usage(long ownerId) {
        return jdbc.one("SELECT COALESCE(SUM(size + thumb_size), 0) FROM media WHERE owner_id = ?",
                st -> st.setLong(1, ownerId), rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public void insert(StoredMedia m, long now) {
        jdbc.update("INSERT INTO media (" + COLUMNS + ", touched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                st -> {
                    st.setString(1, m.id());
                    st.setLong(2, m.ownerId());
                    st.setString(3, m.sha256());
                    st.setString(4, m.uploadSha256());
                    st.setLong(5, m.size());
                    st.setString(6, m.mime());
                    st.setString(7, m.name());
                    st.setInt(8, m.width());
                    st.setInt(9, m.height());
                    if (m.thumbSha256() == null) {
                        st.setNull(10, Types.VARCHAR);
                    } else {
                        st.setString(10, m.thumbSha256());
                    }
                    st.setLong(11, m.thumbSize());
                    st.setInt(12, m.thumbWidth());
                    st.setInt(13, m.thumbHeight());
                    st.setLong(14, m.createdAt());
                    st.setLong(15, now);
                });
    }

    /**
     * A window contains a message when it opened before the message's seq and had not closed before it. A
     * user's avatar is public to every logged-in user.
     */
    @Override
    public boolean mayRead(String id, long userId) {
        return jdbc.one("SELECT 1 FROM media_refs r JOIN member_windows w ON w.conversation_id = r.conversation_id "
                + "WHERE r.media_id = ? AND w.user_id = ? AND w.joined_seq < r.seq "
                + "AND (w.left_seq IS NULL OR w.left_seq >= r.seq) LIMIT 1", st -> {
                    st.setString(1, id);
                    st.setLong(2, userId);
                }, rs -> true).isPresent()
                || jdbc.one("SELECT 1 FROM profiles WHERE avatar_media_id = ? LIMIT 1", st -> st.setString(1, id),
                        rs -> true).isPresent();
    }

    @Override
    public boolean touch(String id, long now) {
        return jdbc.update("UPDATE media SET touched_at = ? WHERE id = ?", st -> {
            st.setLong(1, now);
            st.setString(2, id);
        }) > 0;
    }

    @Override
    public List<StoredMedia> orphans(long before, int limit) {
        return jdbc.list("SELECT " + COLUMNS + " FROM media WHERE touched_at < ? AND " + UNREFERENCED + " LIMIT ?", st -> {
            st.setLong(1, before);
            st.setInt(2, limit);
        }, JdbcMediaStore::row);
    }

    @Override
    public boolean deleteIfOrphan(String id, long before) {
        return jdbc.update("DELETE FROM media WHERE id = ? AND touched_at < ? AND " + UNREFERENCED, st -> {
            st.setString(1, id);
            st.setLong(2, before);
        }) > 0;
    }

    @Override
    public boolean blobInUse(String sha256) {
        return jdbc.one("SELECT 1 FROM media WHERE sha256 = ? OR thumb_sha256 = ? LIMIT 1", st -> {
            st.setString(1, sha256);
            st.setString(2, sha256);
        }, rs -> true).isPresent();
    }

    private static StoredMedia row(ResultSet rs) throws SQLException {
        return new StoredMedia(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getString(10), rs.getLong(11),
                rs.getInt(12), rs.getInt(13), rs.getLong(14));
    }
}
