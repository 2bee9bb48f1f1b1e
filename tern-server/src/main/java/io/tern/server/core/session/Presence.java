package io.tern.server.core.session;

import java.util.concurrent.CompletableFuture;

/**
 * Port: tells the cluster which devices are online on this node, so other nodes can route pushes here, and
 * which sessions must close everywhere. A single node has nobody to tell ({@link #LOCAL}).
 */
public interface Presence {
    /** Nothing to tell: every session is reachable as soon as it is registered locally. */
    Presence LOCAL = new Presence() {
        @Override
        public CompletableFuture<Void> online(DeviceSession session) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void offline(DeviceSession session) {
        }
    };

    /**
     * The session was registered on this node. The future completes once other nodes can route to it — or
     * once that was tried and failed (Redis away): it never fails, and it completes within a bounded time.
     */
    CompletableFuture<Void> online(DeviceSession session);

    /**
     * As {@link #online}, for a session a multi-device rule applies to: the cluster first checks the user's
     * devices on every node — with {@code refuseOthers} none but this device may be online, with
     * {@code maxDevices > 0} fewer than that many others — and writes the route only if the rule holds, in one
     * atomic step, so devices connecting at the same moment on two nodes cannot both pass. Completes with null
     * when admitted, also when the cluster cannot answer (the node's own decision, already taken, stands), else
     * with the refusal (ALREADY_ONLINE, RATE_LIMITED); never fails, within a bounded time.
     */
    default CompletableFuture<io.tern.server.core.TernException> claim(DeviceSession session, boolean refuseOthers,
                                                                      int maxDevices) {
        return online(session).thenApply(routed -> null);
    }

    /** The session ended, or another session replaced it. */
    void offline(DeviceSession session);

    /**
     * Closes the matching sessions on the other nodes (this node's are closed by the caller). Fire and forget:
     * a lost order leaves sessions whose token is revoked anyway, so they cannot reconnect.
     */
    default void kickElsewhere(KickOrder order) {
    }

    /**
     * Which of {@code users} have a device online on some other node. Blocking (asks the cluster): call off the
     * event loops. When the cluster cannot answer, none (the caller knows this node's own).
     */
    default java.util.Set<Long> onlineElsewhere(java.util.Collection<Long> users) {
        return java.util.Set.of();
    }
}
