package io.tern.server.core.cluster;

import io.tern.protocol.Kick;
import io.tern.server.core.Ticker;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.core.session.SessionRegistry;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves this node's clients to other nodes, a few at a time: each gets {@code KICK "moved"}, on which the SDK
 * and the web client reconnect at once through {@code POST /api/reconnect}, avoiding this node, then resend
 * what was not acknowledged and SYNC by cursor, so nothing is lost. Draining moves every client (and any that
 * still arrives); a rebalance moves a given number. At most {@code rate} clients a second, so the other nodes
 * (and the store answering the moved clients' SYNCs) see a steady trickle, not a stampede.
 *
 * <p>{@link #tick} is called on one thread (the cluster's), often (every 100 ms or so); the rate is measured on
 * the injected ticker. The kicked sessions are remembered for {@link #FORGET_KICKED_NANOS}, so one whose
 * connection is still closing is not counted twice; that memory is bounded by the rate.
 */
public final class ClientMover {
    private static final Logger log = LoggerFactory.getLogger(ClientMover.class);
    static final long FORGET_KICKED_NANOS = 10_000_000_000L;

    private final SessionRegistry sessions;
    private final Ticker ticker;
    private final int defaultRate;
    private boolean draining;
    /** The drain ends with a clean stop of the node once no session is left. */
    private boolean exitWhenDrained;
    private boolean exitCalled;
    private final Runnable exit;
    private boolean drainedLogged;
    private long toMove;
    private int rate;
    private double allowance;
    private long lastTick;
    private long moved;
    /** Session id to when it was kicked, oldest first. */
    private final Map<Long, Long> kicked = new LinkedHashMap<>();

    /** {@code defaultRate}: clients a second when an order names none ({@code cluster.moveRate}). */
    public ClientMover(SessionRegistry sessions, Ticker ticker, int defaultRate) {
        this(sessions, ticker, defaultRate, () -> { });
    }

    /** {@code exit} is run once, on the ticking thread, when a drain ordered with exit has no session left. */
    public ClientMover(SessionRegistry sessions, Ticker ticker, int defaultRate, Runnable exit) {
        this.exit = exit;
        this.sessions = sessions;
        this.ticker = ticker;
        this.defaultRate = defaultRate;
        this.rate = defaultRate;
        this.lastTick = ticker.nanos();
    }

    /** Moves every client off, at {@code clientsPerSecond} (0: the default rate), until {@link #resume}. */
    public synchronized void drain(int clientsPerSecond) {
        drain(clientsPerSecond, false);
    }

    /** As {@link #drain(int)}; with {@code exitAfter}, the node stops cleanly once it has no session left. */
    public synchronized void drain(int clientsPerSecond, boolean exitAfter) {
        exitWhenDrained = exitWhenDrained || exitAfter; // a later drain order without exit does not cancel it
        if (!draining) {
            log.info("draining: moving {} sessions to other nodes at {} a second", sessions.sessionCount(),
                    clientsPerSecond > 0 ? clientsPerSecond : defaultRate);
        }
        draining = true;
        drainedLogged = false;
        rate = clientsPerSecond > 0 ? clientsPerSecond : defaultRate;
    }

    /** Ends a drain: the node takes logins again at its next heartbeat; clients already moved stay where they are. */
    public synchronized void resume() {
        if (draining) {
            log.info("drain ended: the node takes logins again ({} clients were moved)", moved);
        }
        draining = false;
        exitWhenDrained = false;
        toMove = 0;
    }

    /** Moves {@code clients} more clients off (a rebalance), at {@code clientsPerSecond} (0: the default). */
    public synchronized void move(long clients, int clientsPerSecond) {
        toMove += Math.max(0, clients);
        if (!draining) {
            rate = clientsPerSecond > 0 ? clientsPerSecond : defaultRate;
        }
        log.info("rebalance: moving {} of {} sessions to other nodes", clients, sessions.sessionCount());
    }

    public synchronized boolean draining() {
        return draining;
    }

    /** Clients moved since start. */
    public synchronized long moved() {
        return moved;
    }

    /** Kicks as many clients as the rate allows since the last tick; returns how many. */
    public int tick() {
        int kicked;
        boolean stop;
        synchronized (this) {
            kicked = kickSome();
            stop = draining && exitWhenDrained && !exitCalled && sessions.sessionCount() == 0;
            exitCalled |= stop;
        }
        if (stop) { // outside the lock: the stop reads this mover's state
            log.info("drained: no sessions left ({} moved); stopping as ordered", moved());
            exit.run();
        }
        return kicked;
    }

    private int kickSome() {
        long now = ticker.nanos();
        double elapsed = (now - lastTick) / 1e9;
        lastTick = now;
        forgetOld(now);
        if (!draining && toMove == 0) {
            allowance = 0;
            return 0;
        }
        allowance = Math.min(rate, allowance + rate * elapsed); // at most a second's worth at once
        long wanted = (long) allowance;
        if (!draining) {
            wanted = Math.min(wanted, toMove);
        }
        if (wanted <= 0) {
            return 0;
        }
        List<DeviceSession> chosen = sessions.someSessions((int) Math.min(wanted, Integer.MAX_VALUE),
                s -> kicked.containsKey(s.id()));
        for (DeviceSession s : chosen) {
            kicked.put(s.id(), now);
            s.connection().kick(Kick.MOVED);
        }
        allowance -= chosen.size();
        moved += chosen.size();
        if (!draining) {
            toMove = chosen.isEmpty() ? 0 : toMove - chosen.size(); // none left to move: the order is done
        } else if (chosen.isEmpty() && sessions.sessionCount() == 0 && !drainedLogged && !exitWhenDrained) {
            drainedLogged = true;
            log.info("drained: no sessions left ({} moved); the node stays idle until stopped or resumed", moved);
        }
        return chosen.size();
    }

    private void forgetOld(long now) {
        Iterator<Long> at = kicked.values().iterator();
        while (at.hasNext() && now - at.next() > FORGET_KICKED_NANOS) {
            at.remove();
        }
    }
}
