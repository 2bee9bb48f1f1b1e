package io.tern.protocol;

/**
 * Every error the server reports, in ERROR frames ({@code code} is the number) and in HTTP error bodies
 * ({@code code} is the name). docs/protocol.md lists them with their meaning.
 */
public enum ErrorCode {
    /** The frame is not a JSON object, or not valid JSON / UTF-8. */
    BAD_FRAME(1000, 400),
    /** The frame type is missing, not a number, or not one the server accepts. */
    UNKNOWN_TYPE(1001, 400),
    /** A field is missing, has the wrong JSON type, or a value out of range. */
    INVALID_FIELD(1002, 400),
    /** The WebSocket frame or HTTP body is larger than the configured limit. */
    FRAME_TOO_LARGE(1003, 413),
    /** A frame other than USER_LOGIN arrived before the connection logged in. */
    NOT_LOGGED_IN(1004, 401),
    /** The token of a USER_LOGIN frame or a request is unknown, expired or revoked. */
    INVALID_TOKEN(1005, 401),
    /** The message content is larger than the configured limit. */
    CONTENT_TOO_LARGE(1006, 413),
    /** The target user does not exist. */
    NO_SUCH_USER(1010, 404),
    /** The conversation does not exist or the user is not one of its members. */
    NOT_A_MEMBER(1011, 403),
    /** A frame claimed a sender other than the logged-in user. */
    FORBIDDEN_SENDER(1012, 403),
    /** The user already has a session and the policy refuses a second one. */
    ALREADY_ONLINE(1013, 409),
    /** The sender is muted in this group. */
    MUTED(1014, 403),
    /** The group does not exist. */
    NO_SUCH_GROUP(1015, 404),
    /** The group would exceed its member limit. */
    GROUP_FULL(1016, 409),
    /** The user's role does not allow this group operation. */
    FORBIDDEN(1017, 403),
    /**
     * The (sender, clientMsgId) of this send was already used for a message with another conversation or
     * content; nothing was stored. A resend must repeat the original exactly; a new message needs a new id.
     */
    IDEMPOTENCY_CONFLICT(1018, 409),
    /** Over a rate limit (messages, logins, registrations, connections); retry after the time given. */
    RATE_LIMITED(1030, 429),
    /** The store could not commit the message; nothing was stored, resend with the same clientMsgId. */
    STORE_UNAVAILABLE(1020, 503),
    /** The server is shutting down or over capacity; retry later. */
    UNAVAILABLE(1021, 503),
    /** Unexpected server failure; the request had no effect that was acknowledged. */
    INTERNAL(1099, 500),

    /** HTTP: username or password malformed. */
    INVALID_CREDENTIALS_FORMAT(2000, 400),
    /** HTTP: the username is already registered. */
    USERNAME_TAKEN(2001, 409),
    /** HTTP: unknown username or wrong password (the same answer for both). */
    LOGIN_FAILED(2002, 401),
    /** HTTP: a password change gave the wrong current password. */
    WRONG_PASSWORD(2003, 403),
    /** HTTP: no route for this method and path. */
    NOT_FOUND(2004, 404),
    /** HTTP: the path exists but not for this method. */
    METHOD_NOT_ALLOWED(2005, 405),
    /** HTTP: a request body that is not {@code Content-Type: application/json}. */
    UNSUPPORTED_MEDIA_TYPE(2006, 415),
    /** HTTP: the request could not be parsed (bad header name, header or request line too long: 431, 414). */
    MALFORMED_REQUEST(2007, 400),
    /** HTTP: the WebSocket handshake came from a web page of an origin not allowed (403). */
    FORBIDDEN_ORIGIN(2008, 403),

    /** HTTP: an upload is larger than {@code media.maxFileBytes}. */
    MEDIA_TOO_LARGE(2100, 413),
    /** HTTP: an upload would take the user's stored media past {@code media.userQuotaBytes}. */
    QUOTA_EXCEEDED(2101, 413),
    /** HTTP: the upload's bytes claim an image format but cannot be decoded as one. */
    UNSUPPORTED_MEDIA(2102, 415),
    /** No media with this id that the user may see (unknown, deleted, or not shared with the user). */
    NO_SUCH_MEDIA(2103, 404),
    /** The content references media that does not fit its type (an image message naming a PDF). */
    INVALID_CONTENT(2104, 400),
    /** HTTP: an image whose declared pixel count exceeds {@code media.maxImagePixels} (decompression bomb). */
    IMAGE_TOO_LARGE(2105, 413),
    /** HTTP: a signed media link whose time is up or whose signature does not match. */
    LINK_EXPIRED(2106, 403),
    /** HTTP: a Range header that does not overlap the file. */
    RANGE_NOT_SATISFIABLE(2107, 416),
    /** HTTP: push notifications for this platform are not configured on this server. */
    PUSH_PLATFORM_UNAVAILABLE(2150, 400),
    /** HTTP: the user has no push device with this id. */
    NO_SUCH_PUSH_DEVICE(2151, 404),
    /** HTTP: the user already has {@code push.maxDevicesPerUser} push devices; remove one first. */
    PUSH_DEVICE_LIMIT(2152, 409),
    /** HTTP: an admin endpoint called with the token of a user who is not an admin. */
    ADMIN_REQUIRED(2200, 403),
    /** HTTP: login to an account an admin disabled. */
    ACCOUNT_DISABLED(2201, 403),
    /** HTTP: an online backup the store cannot make (PostgreSQL: use pg_dump), or one that failed. */
    BACKUP_FAILED(2202, 500),
    /** HTTP: the change would leave the server without an active admin. */
    LAST_ADMIN(2203, 409),
    /** HTTP: registration is closed on this server ({@code auth.registration=CLOSED}): an admin creates accounts. */
    REGISTRATION_CLOSED(2204, 403),
    /** HTTP: registration needs an invite code, and this one is missing, unknown, used or expired. */
    INVITE_INVALID(2205, 403),
    /** A change (edit, recall, reaction, reply) names a msgId that is not in this conversation or not visible to you. */
    NO_SUCH_MESSAGE(2250, 404),
    /** Only the author may edit a message, and recall it (besides a group's owner and admins). */
    NOT_AUTHOR(2251, 403),
    /** The edit or recall window ({@code messages.editWindow}, {@code messages.recallWindow}) has passed. */
    CHANGE_WINDOW_PASSED(2252, 403),
    /** The message was recalled: it cannot be changed, reacted to or replied to any more. */
    MESSAGE_RECALLED(2253, 409),
    /** The message cannot take this change (only a text message is edited; a change event itself is never changed). */
    NOT_CHANGEABLE(2254, 409),
    /** {@code @all} in a group is for its owner and admins. */
    MENTION_ALL_FORBIDDEN(2255, 403),
    /** The user already has {@code messages.maxReactions} different reactions on this message. */
    TOO_MANY_REACTIONS(2256, 409),
    /** HTTP: the user already has {@code messages.maxScheduled} scheduled messages waiting. */
    SCHEDULE_LIMIT(2257, 409),
    /** HTTP: no scheduled message of the user with this id is waiting (sent, being sent, or unknown). */
    NO_SUCH_SCHEDULED(2258, 404),
    /** The group was dissolved by its owner: nothing can be sent to it, joined or changed; history stays readable. */
    GROUP_DISSOLVED(2300, 410),
    /** The user is on the group's ban list: they cannot join or be added until an admin unbans them. */
    BANNED(2301, 403),
    /** The group is in "only admins may post" mode and the sender is a plain member. */
    ADMINS_ONLY(2302, 403),
    /** HTTP: no group invite link with this code, or it was revoked. */
    NO_SUCH_INVITE(2303, 404),
    /** HTTP: the group invite link is past its expiry time. */
    INVITE_EXPIRED(2304, 410),
    /** HTTP: the group invite link was used as many times as it allows. */
    INVITE_EXHAUSTED(2305, 410),
    /** HTTP: a message search for fewer than 2 characters (docs/search.md). */
    SEARCH_QUERY_TOO_SHORT(2350, 400),
    /** HTTP: an avatar must be an image the caller uploaded (docs/people.md). */
    AVATAR_NOT_IMAGE(2351, 400),
    /**
     * The recipient does not accept this direct message from the sender. Deliberately unspecific: it does not
     * say whether the recipient blocked the sender (docs/people.md).
     */
    RECIPIENT_REFUSED(2352, 403),
    /** A direct message or contact request to a user the sender blocked: unblock them first. */
    USER_BLOCKED(2353, 403),
    /** HTTP: drain and rebalance need a cluster ({@code cluster.mode=REDIS}); a single node has nowhere to move clients. */
    NOT_IN_CLUSTER(2400, 409),
    /** HTTP: draining this node would leave no node that takes logins: its clients would have nowhere to go. */
    NO_NODE_TO_MOVE_TO(2401, 409),
    /** HTTP: no live node has this id (it is not in the registry, or its entry expired). */
    NO_SUCH_NODE(2402, 404);

    private final int code;
    private final int httpStatus;

    ErrorCode(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
