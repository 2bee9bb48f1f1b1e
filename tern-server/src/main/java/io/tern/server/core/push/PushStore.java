package io.tern.server.core.push;

import io.tern.server.core.message.Message;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: devices, settings and the durable notification jobs. Every method may throw StoreException. */
public interface PushStore {
    /** What a registration asks for; the store assigns the id. */
    record NewDevice(long userId, String deviceId, String tokenHash, Platform platform, String token, String p256dh,
                     String auth, String locale) {
    }

    /** A conversation with messages past the worker's cursor; {@code cursor} is -1 if it has none yet. */
    record Head(String conversationId, long lastSeq, long lastTs, long cursor) {
    }

    /** A window of a group member who has a push device: sees seqs in (joinedSeq, leftSeq]. */
    record Window(long userId, long joinedSeq, Long leftSeq) {
        public boolean contains(long seq) {
            return joinedSeq < seq && (leftSeq == null || leftSeq >= seq);
        }
    }

    /** One conversation's step of a scan: its new cursor and the jobs its messages raise. */
    record Advance(String conversationId, long cursor, List<JobUpdate> updates) {
    }

    /** Raises a job to {@code seq}, adding {@code messages} and the mention flag. */
    record JobUpdate(long deviceRef, String conversationId, long seq, int messages, boolean mentioned) {
    }

    /**
     * Registers a device; the same (platform, token) registered again (by anyone) moves to this login, since a
     * token belongs to one app install.
     */
    PushDevice register(NewDevice device, long now);

    List<PushDevice> devices(long userId);

    Optional<PushDevice> device(long id);

    /** Removes the user's device and its jobs; false if the user has no such device. */
    boolean remove(long userId, long id);

    /** Removes a device and its jobs (a provider said the token is dead). */
    void removeDevice(long id);

    /** Removes the devices whose login token was revoked (logout) or expired before {@code now}; how many. */
    int removeLoggedOut(long now);

    /** The ids of the users' devices, by user; users without devices are left out. */
    Map<Long, List<Long>> deviceRefs(Collection<Long> userIds);

    PushSettings settings(long userId);

    void saveSettings(long userId, PushSettings settings);

    List<Mute> mutes(long userId);

    Optional<Mute> mute(long userId, String conversationId);

    void saveMute(long userId, Mute mute);

    boolean removeMute(long userId, String conversationId);

    /** The worker's position in wall-clock time of commits; {@code initial} is stored and answered on first use. */
    long watermark(long initial);

    /** Conversations committed to at or after {@code sinceTs} whose last seq is past the worker's cursor. */
    List<Head> changed(long sinceTs, int limit);

    /** Messages with {@code afterSeq < seq <= maxSeq} no older than {@code minTs}, ascending. */
    List<Message> messages(String conversationId, long afterSeq, long maxSeq, long minTs, int limit);

    /** Windows overlapping (afterSeq, maxSeq] of the group's members that have a push device. */
    List<Window> windows(String conversationId, long afterSeq, long maxSeq);

    /** In one transaction: raises the jobs, moves the conversation's cursor to {@code cursor} and the watermark. */
    default void enqueue(String conversationId, long cursor, List<JobUpdate> updates, long watermark) {
        enqueue(List.of(new Advance(conversationId, cursor, updates)), watermark);
    }

    /**
     * Raises the jobs and moves the cursors of a whole scan in one transaction: one commit (one fsync) per scan,
     * not one per conversation, since on SQLite every transaction also waits its turn behind the message writer.
     */
    void enqueue(List<Advance> advances, long watermark);

    /** Pending jobs (uptoSeq past sentSeq), at most {@code limit}. */
    List<PushJob> pending(int limit);

    Optional<PushJob> job(PushJob.Key key);

    /**
     * Records that sending up to {@code seq} starts and holds the job for {@code leaseMillis} (wall clock, so
     * nodes compare it), unless the job changed or another worker holds it; false then. A worker that dies
     * mid-send leaves the lease to expire, after which the job is sent again under the same id.
     */
    boolean claim(PushJob job, long seq, long now, long leaseMillis);

    /** The job is done up to {@code seq} (sent, or nothing was owed): a later message starts a new burst. */
    void done(PushJob.Key key, long seq);

    /** A failed attempt: counts it and forgets the started send. */
    void failed(PushJob.Key key, int attempts);

    /** The message of the conversation at {@code seq}. */
    Optional<Message> message(String conversationId, long seq);

    /** The user's read and delivered cursors in the conversation: {read, delivered}; zeros if none. */
    long[] cursors(long userId, String conversationId);

    /** Messages the user has not read in all conversations (the badge). */
    long unread(long userId);

    Optional<String> username(long userId);

    /** The group's name, for a group conversation id. */
    Optional<String> groupName(String conversationId);
}
