package io.tern.server.core.session;

import io.tern.protocol.ErrorCode;
import io.tern.protocol.Kick;
import io.tern.server.config.TernConfig.MultiDevicePolicy;
import io.tern.server.core.TernException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who is online on this node: the sessions of every user, by device. A new session of a device that is
 * already online replaces the old one; other devices are kept, kicked or refused by the policy.
 */
public final class SessionRegistry {
    private final Map<Long, List<DeviceSession>> byUser = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong count = new AtomicLong();
    private final MultiDevicePolicy policy;
    private final int maxPerUser;
    private final Presence presence;
    /** Set once at wiring: the listener's own parts (the fan-out) need this registry first. */
    private volatile UserPresenceListener listener = UserPresenceListener.NONE;

    /** {@code maxPerUser} 0 means no limit. */
    public SessionRegistry(MultiDevicePolicy policy, int maxPerUser) {
        this(policy, maxPerUser, Presence.LOCAL);
    }

    /** {@code presence} is told of every session that comes and goes, so other nodes can route to it. */
    public SessionRegistry(MultiDevicePolicy policy, int maxPerUser, Presence presence) {
        this.policy = policy;
        this.maxPerUser = maxPerUser;
        this.presence = presence;
    }

    /** The one listener told of users' first and last sessions on this node; set while wiring, before any session. */
    public void listen(UserPresenceListener listener) {
        this.listener = listener;
    }

    public long nextSessionId() {
        return ids.incrementAndGet();
    }

    /**
     * Adds the session; sessions it displaces are kicked. Throws ALREADY_ONLINE if the policy refuses it.
     */
    public void register(DeviceSession session) {
        List<DeviceSession> displaced = new ArrayList<>();
        boolean[] first = {false};
        byUser.compute(session.userId(), (user, current) -> {
            first[0] = current == null;
            List<DeviceSession> next = new ArrayList<>();
            if (current != null) {
                for (DeviceSession s : current) {
                    boolean sameDevice = s.deviceId().equals(session.deviceId());
                    if (!sameDevice && policy == MultiDevicePolicy.REFUSE_NEW) {
                        throw new TernException(ErrorCode.ALREADY_ONLINE, "user is already online on another device");
                    }
                    if (sameDevice || policy == MultiDevicePolicy.KICK_OLD) {
                        displaced.add(s);
                    } else {
                        next.add(s);
                    }
                }
            }
            if (maxPerUser > 0 && next.size() >= maxPerUser) {
                throw TernException.rateLimited("too many sessions of this user", 1000);
            }
            next.add(session);
            return List.copyOf(next);
        });
        count.addAndGet(1 - displaced.size());
        displaced.forEach(s -> {
            if (!s.deviceId().equals(session.deviceId())) {
                presence.offline(s); // the same device's route now names the new session's node anyway
            }
            s.connection().kick(Kick.REPLACED);
        });
        if (policy == MultiDevicePolicy.KICK_OLD) { // the user's sessions on other nodes are older too
            presence.kickElsewhere(new KickOrder(session.userId(), null, session.principal().tokenHash(), Kick.REPLACED));
        }
        if (first[0]) {
            listener.changed(session.userId(), true);
        }
        if (!clusterRule()) {
            session.decide(null);
            presence.online(session).whenComplete((ignored, err) -> session.markRouted());
            return;
        }
        presence.claim(session, policy == MultiDevicePolicy.REFUSE_NEW, maxPerUser).whenComplete((refusal, err) -> {
            if (refusal != null) { // another node has the devices this one did not see
                unregister(session);
                session.connection().refuse(refusal);
            }
            session.decide(refusal);
            session.markRouted();
        });
    }

    /**
     * Whether the policy needs the user's devices on every node: REFUSE_NEW, or a per-user limit that KICK_OLD
     * does not make moot (it keeps one device).
     */
    private boolean clusterRule() {
        return policy == MultiDevicePolicy.REFUSE_NEW || policy == MultiDevicePolicy.ALLOW && maxPerUser > 0;
    }

    public void unregister(DeviceSession session) {
        boolean[] removed = {false};
        boolean[] last = {false};
        byUser.computeIfPresent(session.userId(), (user, current) -> {
            List<DeviceSession> next = new ArrayList<>(current);
            removed[0] = next.remove(session);
            last[0] = next.isEmpty();
            return next.isEmpty() ? null : List.copyOf(next);
        });
        if (removed[0]) {
            count.decrementAndGet();
            presence.offline(session);
            if (last[0]) {
                listener.changed(session.userId(), false);
            }
        }
    }

    public List<DeviceSession> sessionsOf(long userId) {
        return byUser.getOrDefault(userId, List.of());
    }

    public boolean isOnline(long userId) {
        return byUser.containsKey(userId);
    }

    /**
     * Which of {@code users} are online on any node of the cluster (this one, or per the cluster's routes).
     * Blocking in a cluster: for HTTP handlers on the blocking pool, not for the event loops.
     */
    public java.util.Set<Long> onlineAnywhere(java.util.Collection<Long> users) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        List<Long> ask = new ArrayList<>();
        for (long u : users) {
            if (isOnline(u)) {
                out.add(u);
            } else {
                ask.add(u);
            }
        }
        if (!ask.isEmpty()) {
            out.addAll(presence.onlineElsewhere(ask));
        }
        return out;
    }

    /** The ids of users with at least one session, ascending. */
    public java.util.List<Long> onlineUsers() {
        return byUser.keySet().stream().sorted().toList();
    }

    public long sessionCount() {
        return count.get();
    }

    /** Kicks the sessions that were opened with this token (logout), on every node. */
    public void kickToken(long userId, String tokenHash, String reason) {
        kick(new KickOrder(userId, tokenHash, null, reason));
    }

    /** Kicks every session of the user except those opened with {@code keepTokenHash} (null: all), on every node. */
    public void kickUser(long userId, String keepTokenHash, String reason) {
        kick(new KickOrder(userId, null, keepTokenHash, reason));
    }

    private void kick(KickOrder order) {
        kickHere(order);
        presence.kickElsewhere(order);
    }

    /** Kicks the matching sessions on this node only (an order from another node). */
    public void kickHere(KickOrder order) {
        for (DeviceSession s : sessionsOf(order.userId())) {
            if (order.matches(s)) {
                s.connection().kick(order.reason());
            }
        }
    }

    public void kickAll(String reason) {
        byUser.values().stream().flatMap(Collection::stream).forEach(s -> s.connection().kick(reason));
    }

    /**
     * Up to {@code max} WebSocket sessions that {@code skip} does not name, to move to other nodes (long-poll
     * devices are left alone: their next poll may reach any node anyway).
     */
    public List<DeviceSession> someSessions(int max, java.util.function.Predicate<DeviceSession> skip) {
        List<DeviceSession> out = new ArrayList<>();
        for (List<DeviceSession> ofUser : byUser.values()) {
            for (DeviceSession s : ofUser) {
                if (out.size() >= max) {
                    return out;
                }
                if (s.outbox() != null && !skip.test(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
