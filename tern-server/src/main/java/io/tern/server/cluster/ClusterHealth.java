package io.tern.server.cluster;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node knows about its link to Redis: whether something was lost while it was down (the node must
 * then recover: re-register, re-subscribe, have its clients SYNC), and whether a publish of its own failed
 * (then the other nodes' clients must SYNC too). Logged once per outage, not once per failed command.
 */
final class ClusterHealth {
    private static final Logger log = LoggerFactory.getLogger(ClusterHealth.class);

    private final AtomicBoolean needsRecovery = new AtomicBoolean();
    private final AtomicBoolean missedPublish = new AtomicBoolean();

    /** A command failed or the connection dropped. */
    void failed(String what, Throwable cause) {
        if (needsRecovery.compareAndSet(false, true)) {
            log.warn("Redis unreachable ({}: {}); serving local clients only until it is back", what, cause.toString());
        }
    }

    /** The node has not joined yet: the next heartbeat must do everything a recovery does. Not logged. */
    void unjoined() {
        needsRecovery.set(true);
    }

    /** A publish failed: a push for another node's clients is lost until they SYNC. */
    void publishFailed(Throwable cause) {
        missedPublish.set(true);
        failed("publish", cause);
    }

    /** The connection dropped; even if the next commands succeed, the data in Redis may be gone. */
    void disconnected() {
        failed("connection", new java.io.IOException("connection lost"));
    }

    /**
     * Starts a recovery if one is due: true once per outage. If the recovery fails, the failure calls
     * {@link #failed} again and the next heartbeat retries.
     */
    boolean beginRecovery() {
        return needsRecovery.getAndSet(false);
    }

    /** Whether a publish failed since the last call. */
    boolean takeMissedPublish() {
        return missedPublish.getAndSet(false);
    }

    /** Whether Redis is believed reachable. */
    boolean healthy() {
        return !needsRecovery.get();
    }
}
