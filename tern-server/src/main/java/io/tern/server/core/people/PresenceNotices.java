package io.tern.server.core.people;

import io.tern.protocol.Frame;
import io.tern.protocol.PresenceNotify;
import io.tern.server.core.account.AccountStore;
import io.tern.server.core.account.AccountsManager;
import io.tern.server.core.session.SessionRegistry;
import io.tern.server.core.session.UserPresenceListener;
import java.time.Clock;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes PRESENCE_NOTIFY live (docs/people.md). Who is told: the user's contacts and one-to-one partners (at most
 * {@link #MAX_CANDIDATES} of each), narrowed by {@link Visibility#presenceAudience}, reached through the fan-out
 * only where they have a session. Group co-members who are neither are not told: a big group would make one
 * connect cost thousands of notices; they still read presence from {@code GET /api/presence}.
 *
 * <p>Transitions (a user's first session on this node, their last one gone) and visibility changes (a block, a
 * contact, a privacy setting) are queued per user, coalesced, and announced by one drain at a time on the given
 * executor, so the registering event loop never waits for the store and a user's notices go out in order. The
 * queue holds at most {@link #MAX_PENDING} users; past that a change is dropped (counted): a notice is a hint,
 * and {@code GET /api/presence} stays the truth.
 */
public final class PresenceNotices implements UserPresenceListener, PeopleChanges {
    static final int MAX_CANDIDATES = 1_000;
    static final int MAX_PENDING = 10_000;
    /** Users announced per executor task before the drain yields the thread to other work. */
    private static final int PER_TASK = 64;
    private static final Logger log = LoggerFactory.getLogger(PresenceNotices.class);

    /** Delivery of one notice to every session of the users (on this node and others). */
    public interface Notifier {
        void notify(Frame notice, long[] users);
    }

    private final ContactStore contacts;
    private final Visibility visibility;
    private final SessionRegistry sessions;
    private final AccountsManager accounts;
    private final Notifier out;
    private final Clock clock;
    private final Executor executor;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private boolean draining;
    private boolean stopped;
    private long dropped;

    public PresenceNotices(ContactStore contacts, Visibility visibility, SessionRegistry sessions,
                           AccountsManager accounts, Notifier out, Clock clock, Executor executor) {
        this.contacts = contacts;
        this.visibility = visibility;
        this.sessions = sessions;
        this.accounts = accounts;
        this.out = out;
        this.clock = clock;
        this.executor = executor;
    }

    /** What is still to be told about one user. */
    private static final class Pending {
        /** The latest transition, and when (0: none). */
        boolean online;
        long changedAt;
        /** Viewers whose view of the user may have changed; {@code all}: every candidate. */
        Set<Long> viewers;
        boolean all;
    }

    @Override
    public void changed(long userId, boolean online) {
        queue(userId, p -> {
            p.online = online;
            p.changedAt = clock.millis();
        });
    }

    @Override
    public void between(long a, long b) {
        queue(a, p -> addViewer(p, b));
        queue(b, p -> addViewer(p, a));
    }

    @Override
    public void privacyOf(long userId) {
        queue(userId, p -> p.all = true);
    }

    /**
     * The node is stopping: its users are not announced offline one by one (in a cluster they reconnect to another
     * node at once; on a single node every viewer is being disconnected too), and shutdown does not wait for it.
     */
    public synchronized void stop() {
        stopped = true;
        pending.clear();
    }

    /** Changes dropped because the queue was full. */
    public synchronized long dropped() {
        return dropped;
    }

    private static void addViewer(Pending p, long viewer) {
        if (p.viewers == null) {
            p.viewers = new HashSet<>();
        }
        if (p.viewers.size() < MAX_CANDIDATES) {
            p.viewers.add(viewer);
        }
    }

    private void queue(long userId, java.util.function.Consumer<Pending> change) {
        boolean start;
        synchronized (this) {
            if (stopped) {
                return;
            }
            Pending p = pending.get(userId);
            if (p == null) {
                if (pending.size() >= MAX_PENDING) {
                    dropped++;
                    return;
                }
                p = new Pending();
                pending.put(userId, p);
            }
            change.accept(p);
            start = !draining;
            draining = true;
        }
        if (start) {
            schedule();
        }
    }

    private void schedule() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            synchronized (this) {
                draining = false;
                pending.clear();
            }
        }
    }

    private void drain() {
        for (int i = 0; i < PER_TASK; i++) {
            long userId;
            Pending p;
            synchronized (this) {
                Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator();
                if (!it.hasNext()) {
                    draining = false;
                    return;
                }
                Map.Entry<Long, Pending> next = it.next();
                it.remove();
                userId = next.getKey();
                p = next.getValue();
            }
            try {
                announce(userId, p);
            } catch (RuntimeException e) { // the store is away: these notices are lost, later ones are not
                log.warn("presence notices about user {} not sent: {}", userId, e.toString());
            }
        }
        schedule();
    }

    private void announce(long owner, Pending p) {
        boolean online = !sessions.onlineAnywhere(List.of(owner)).isEmpty();
        Set<Long> candidates = p.changedAt != 0 || p.all ? contacts.presenceCandidates(owner, MAX_CANDIDATES) : null;
        Set<Long> told = new HashSet<>();
        // a transition contradicted by the state now is stale (a newer one is queued) or, in a cluster, the user's
        // last device here left while one elsewhere stays: nothing changed for the viewers
        if (p.changedAt != 0 && online == p.online) {
            told.addAll(visibility.presenceAudience(owner, candidates));
            send(new PresenceNotify(owner, online, p.changedAt), told);
        }
        if (p.all || p.viewers != null) {
            Set<Long> viewers = p.all ? candidates : p.viewers;
            Set<Long> allowed = visibility.presenceAudience(owner, viewers);
            Set<Long> hidden = new HashSet<>(viewers);
            hidden.removeAll(allowed);
            hidden.remove(owner);
            allowed.removeAll(told);
            if (!allowed.isEmpty()) {
                send(new PresenceNotify(owner, online, lastSeen(owner)), allowed);
            }
            // those who may no longer see it are told "offline", which is all they would see from now on
            send(new PresenceNotify(owner, false, null), hidden);
        }
    }

    private Long lastSeen(long owner) {
        List<AccountStore.Seen> seen = accounts.seen(List.of(owner));
        return seen.isEmpty() ? null : seen.get(0).lastSeen();
    }

    private void send(PresenceNotify notice, Set<Long> users) {
        if (!users.isEmpty()) {
            out.notify(notice, users.stream().mapToLong(Long::longValue).toArray());
        }
    }
}
