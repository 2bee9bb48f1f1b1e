package io.tern.server.core.retention;

/** Port: deletes old messages, a few at a time. */
public interface RetentionStore {
    /**
     * Deletes at most {@code limit} messages of conversations whose id starts with {@code prefix} and whose
     * timestamp is before {@code beforeMillis}, in one short transaction; returns how many.
     */
    int deleteOlderThan(String prefix, long beforeMillis, int limit);

    /**
     * Deletes at most {@code limit} media references whose message is gone (purged), in one short transaction,
     * so media only purged history used becomes unreferenced; returns how many.
     */
    int forgetReferencesOfPurged(int limit);
}
