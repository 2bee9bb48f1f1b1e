package io.tern.server.core.schedule;

import java.util.List;

/** Port: where scheduled messages wait. Every method may throw StoreException. */
public interface ScheduledStore {
    /** Adds a PENDING message; its id, or -1 if the user already has {@code maxPerUser} waiting. */
    long add(Scheduled s, int maxPerUser);

    /** The user's scheduled messages (waiting or failed), soonest first. */
    List<Scheduled> list(long userId);

    /** Deletes the user's message if it is PENDING or FAILED; false if there is none such (or it is being sent). */
    boolean cancel(long userId, long id);

    /**
     * Up to {@code limit} messages due at {@code now}: PENDING ones, and SENDING ones taken before
     * {@code staleBefore} (their sender died).
     */
    List<Scheduled> due(long now, long staleBefore, int limit);

    /** Takes a due message for sending (at {@code now}); false if a cancel or another node was first. */
    boolean claim(long id, long now, long staleBefore);

    /** The message was stored: it is no longer scheduled. */
    void sent(long id);

    /** The send was refused for good: kept as FAILED with the error's name, for the user to see. */
    void failed(long id, String error);
}
