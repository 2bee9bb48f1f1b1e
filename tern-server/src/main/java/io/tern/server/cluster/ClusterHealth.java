package io.tern.server.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node knows about its link to Redis: whether something was lost while it was down (the node must
 * then recover: re-register, re-subscribe, have its clients SYNC), and which recipients on other nodes missed a
 * push of this node's (they are told to SYNC). A push that fails is not an outage: during a Redis failover the
 * one primary that died fails the pushes routed through it while everything else works, and treating that as a
 * whole-cluster outage (re-subscribe, rewrite every route, SYNC_HINT to every client of every node, again for
 * every late timeout) made pushes between nodes stop for seconds longer than the failover. Logged once per
 * outage, not once per failed command.
 */
final class ClusterHealth {
    private static final Logger log = LoggerFactory.getLogger(ClusterHealth.class);
    /** Recipients remembered one by one; past this many every client of every node is told to SYNC instead. */
    static final int MAX_MISSED_USERS = 10_000;
    /**
     * Heartbeats the hint for missed pushes may wait while pushes keep failing: hinting at every beat of a failover
     * made the same devices SYNC again and again (one store read each), and their pulls overtook the pushes that
     * had started to flow again. One hint once the failures stop does the same, at most this many beats late.
     */
    static final int MAX_DEFERRED_BEATS = 10;

    private final AtomicBoolean needsRecovery = new AtomicBoolean();
    /** From the first failure to the end of the recovery that follows: a failed recovery attempt is not logged. */
    private final AtomicBoolean outage = new AtomicBoolean();
    private final AtomicBoolean missedPublish = new AtomicBoolean();
    private final Set<Long> missedUsers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pushesFailing = new AtomicBoolean();
    private final AtomicBoolean freshPushFailures = new AtomicBoolean();
    /** Touched by the heartbeat thread only. */
    private int deferredBeats;
    private volatile Runnable onReachable = () -> { };
    private final AtomicLong reachableEpoch = new AtomicLong();

    /** A command failed or the connection dropped. */
    void failed(String what, Throwable cause) {
        needsRecovery.set(true);
        if (outage.compareAndSet(false, true)) {
            log.warn("Redis unreachable ({}: {}); serving local clients only until it is back", what, cause.toString());
        }
    }

    /** The node has not joined yet: the next heartbeat must do everything a recovery does. Not logged. */
    void unjoined() {
        needsRecovery.set(true);
    }

    /** A broadcast failed: every node's clients must SYNC, and the node recovers as after an outage. */
    void publishFailed(Throwable cause) {
        missedPublish.set(true);
        failed("publish", cause);
    }

    /**
     * A push (or notice) for these users' devices on other nodes was not published: they are told to SYNC at the
     * next heartbeat, which fetches it. Redis is not assumed to be away for that.
     */
    void pushFailed(long[] users, Throwable cause) {
        if (pushesFailing.compareAndSet(false, true)) {
            log.warn("pushes to other nodes failing ({}); their recipients are told to SYNC", cause.toString());
        }
        freshPushFailures.set(true);
        if (missedUsers.size() + users.length > MAX_MISSED_USERS) {
            missedPublish.set(true);
            return;
        }
        for (long user : users) {
            missedUsers.add(user);
        }
    }

    /** The connection dropped; even if the next commands succeed, the data in Redis may be gone. */
    void disconnected() {
        failed("connection", new java.io.IOException("connection lost"));
    }

    /**
     * Runs {@code action} whenever Redis may answer again during an outage (a reconnect, a new topology), so the
     * recovery need not wait for the next heartbeat.
     */
    void onReachable(Runnable action) {
        onReachable = action;
    }

    /** A connection came back or the cluster topology changed. */
    void reachable() {
        if (outage.get()) { // also while a recovery runs (and may be waiting for a dead server)
            reachableEpoch.incrementAndGet();
            onReachable.run();
        }
    }

    /** Changes whenever {@link #reachable} ran during an outage: a heartbeat waiting since then may stop waiting. */
    long reachableEpoch() {
        return reachableEpoch.get();
    }

    /**
     * Starts a recovery if one is due: true once per outage. If the recovery fails, the failure calls
     * {@link #failed} again and the next heartbeat retries.
     */
    boolean beginRecovery() {
        return needsRecovery.getAndSet(false);
    }

    /** A recovery succeeded: the next failure is a new outage. */
    void recovered() {
        outage.set(false);
    }

    /** Whether a publish failed since the last call such that every client of every node must SYNC. */
    boolean takeMissedPublish() {
        return missedPublish.getAndSet(false);
    }

    /**
     * The users who missed a push, to be hinted now: none while pushes are still failing (up to
     * {@link #MAX_DEFERRED_BEATS} calls in a row), else all since the last hint. Called once per heartbeat.
     */
    long[] takeMissedUsers() {
        if (missedUsers.isEmpty()) {
            pushesFailing.set(false);
            deferredBeats = 0;
            return new long[0];
        }
        if (freshPushFailures.getAndSet(false) && ++deferredBeats < MAX_DEFERRED_BEATS) {
            return new long[0];
        }
        deferredBeats = 0;
        long[] users = missedUsers.stream().mapToLong(Long::longValue).toArray();
        for (long user : users) {
            missedUsers.remove(user);
        }
        return users;
    }

    /** Whether Redis is believed reachable. */
    boolean healthy() {
        return !needsRecovery.get();
    }
}
