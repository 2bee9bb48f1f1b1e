package io.tern.server.core.people;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.limit.Limits;
import io.tern.server.core.media.MediaService;
import io.tern.server.core.media.StoredMedia;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Profiles and the directory. A directory search is rate-limited per user with the other lookups
 * ({@code limits.lookupsPerMinute}), so the user list cannot be crawled quickly; it tells names and avatars,
 * never presence. An avatar must be an image the user uploaded; once set, any logged-in user may download it.
 */
public final class PeopleDirectory {
    public static final int MAX_PREFIX = 64;
    public static final int MAX_DISPLAY_NAME = 64;
    public static final int MAX_LIMIT = 50;

    private final PeopleStore store;
    private final MediaService media;
    private final Limits limits;
    private final Clock clock;

    public PeopleDirectory(PeopleStore store, MediaService media, Limits limits, Clock clock) {
        this.store = store;
        this.media = media;
        this.limits = limits;
        this.clock = clock;
    }

    /** One page of users whose username or display name starts with {@code prefix} (ignoring case). */
    public List<Profile> search(long userId, String prefix, String afterUsername, int limit) {
        String p = prefix == null ? "" : prefix.strip();
        if (p.isEmpty() || p.codePointCount(0, p.length()) > MAX_PREFIX) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'prefix' must be 1 to " + MAX_PREFIX + " characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new TernException(ErrorCode.INVALID_FIELD, "limit must be 1 to " + MAX_LIMIT);
        }
        limits.lookup(userId);
        return store.findByPrefix(p.toLowerCase(Locale.ROOT), afterUsername == null ? "" : afterUsername, limit);
    }

    public Profile profile(long userId) {
        return store.profile(userId).orElseThrow(() -> new TernException(ErrorCode.NO_SUCH_USER, "no such user"));
    }

    /**
     * Sets the display name (1 to 64 characters, no control characters; null or blank clears it) and the avatar
     * (the id of an image the user uploaded; null clears it).
     */
    public Profile update(long userId, String displayName, String avatarMediaId) {
        String name = displayName == null ? null : displayName.strip();
        if (name != null && name.isEmpty()) {
            name = null;
        }
        if (name != null && (name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME
                || name.codePoints().anyMatch(Character::isISOControl))) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'displayName' must be at most " + MAX_DISPLAY_NAME
                    + " characters, without control characters");
        }
        if (avatarMediaId != null) {
            StoredMedia m = media.readable(userId, avatarMediaId); // NO_SUCH_MEDIA for another user's private upload
            if (m.ownerId() != userId || !m.isImage()) {
                throw new TernException(ErrorCode.AVATAR_NOT_IMAGE, "an avatar must be an image you uploaded");
            }
        }
        store.saveProfile(userId, name, name == null ? null : name.toLowerCase(Locale.ROOT), avatarMediaId,
                clock.millis());
        return profile(userId);
    }
}
