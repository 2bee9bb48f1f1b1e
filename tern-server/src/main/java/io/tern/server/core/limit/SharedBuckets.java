package io.tern.server.core.limit;

import java.time.Duration;

/**
 * Port: token buckets shared by every node of a cluster, so a limit on logins or registrations per address
 * holds for the cluster and not once per node behind the balancer. A single node has none ({@link #NONE});
 * when the shared store cannot answer, the caller falls back to its own buckets.
 */
public interface SharedBuckets {
    /** The answer when the shared buckets cannot be asked: use the node's own. */
    long UNAVAILABLE = -1;

    SharedBuckets NONE = (name, key, perPeriod, period, burst) -> UNAVAILABLE;

    /**
     * Takes a token from bucket {@code name}/{@code key} ({@code burst} tokens, refilled at {@code perPeriod} per
     * {@code period}): 0 if allowed, else the milliseconds until one is available, or {@link #UNAVAILABLE}.
     * Blocking: call off the event loops.
     */
    long acquire(String name, String key, int perPeriod, Duration period, int burst);

    /** Whether the shared buckets answer now; while they do not, callers use their own at once. */
    default boolean available() {
        return false;
    }

    /**
     * Spends {@code tokens} already used on this node from bucket {@code name}/{@code key}, even if that puts it in
     * debt (down to minus {@code burst}). Completes with the milliseconds until the bucket is out of debt (0: not
     * in debt), or {@link #UNAVAILABLE}; never fails, never blocks.
     */
    default java.util.concurrent.CompletableFuture<Long> spend(String name, String key, int perPeriod, Duration period,
                                                              int burst, int tokens) {
        return java.util.concurrent.CompletableFuture.completedFuture(UNAVAILABLE);
    }
}
