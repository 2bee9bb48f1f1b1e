package io.tern.server.core.media;

import java.util.List;
import java.util.Optional;

/** The media rows and who may read them; the blobs themselves are in a {@link BlobStore}. */
public interface MediaStore {
    Optional<StoredMedia> find(String id);

    /** An upload of the same bytes by anyone, whose processed blobs can be reused. */
    Optional<StoredMedia> findByUpload(String uploadSha256);

    /** An upload of the same bytes by this user. */
    Optional<StoredMedia> findByUpload(long ownerId, String uploadSha256);

    /** Bytes of the user's uploads (with thumbnails), for the quota. */
    long usage(long ownerId);

    void insert(StoredMedia media, long now);

    /**
     * Whether the user uploaded the media, or is or was a member of a conversation with a message referencing
     * it, inside one of the user's membership windows at that message's seq.
     */
    boolean mayRead(String id, long userId);

    /**
     * Marks the media as in use now, so the orphan sweep leaves it for another {@code media.orphanTtl}; false if
     * it no longer exists.
     */
    boolean touch(String id, long now);

    /** Media referenced by no message and not touched since {@code before}, at most {@code limit}. */
    List<StoredMedia> orphans(long before, int limit);

    /** Deletes the media if it is still an orphan untouched since {@code before}; false if it was not. */
    boolean deleteIfOrphan(String id, long before);

    /** Whether any media row still uses the blob, as its file or its thumbnail. */
    boolean blobInUse(String sha256);
}
