package io.tern.server.cluster;

import io.tern.server.config.TernConfig;
import io.tern.server.core.Ticker;
import io.tern.server.core.cluster.ClientMover;
import io.tern.server.core.cluster.HeartbeatWatch;
import io.tern.server.core.cluster.NodeDirectory;
import io.tern.server.core.cluster.NodeOrders;
import io.tern.server.core.cluster.PendingLogins;
import io.tern.server.core.group.GroupMembers;
import io.tern.server.core.limit.SharedBuckets;
import io.tern.server.core.message.PushOrder;
import io.tern.server.core.message.RemoteFanout;
import io.tern.server.core.session.Presence;
import io.tern.server.core.session.SessionRegistry;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership of a Redis cluster: connects, subscribes to its channel and the broadcast channel,
 * and every heartbeat refreshes its registry entry and the routes of its devices. When Redis comes back after
 * an outage (or lost its data in a restart) the next heartbeat recovers: subscribe again, re-register node and
 * routes, forget cached group members, and only then tell every local client to SYNC — so a push missed in
 * the outage is fetched at once, and anything committed after that SYNC's read is routed here again. If this
 * node's own publishes failed, it asks every node to do the same for its clients.
 *
 * <p>Built in two steps because of who needs whom: {@link #connect} gives the {@link Presence} that the
 * session registry is built with, then {@link #attach} gets the registry and starts the heartbeat.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    /** How often the mover kicks its next few clients: small steps keep a drain's rate even. */
    private static final long MOVE_TICK_MILLIS = 100;
    /**
     * How long a login this node sent elsewhere counts toward that node's load while its connection has not shown
     * up: longer than an app may take between logging in and connecting, short next to how long loads last.
     */
    static final java.time.Duration PENDING_LOGINS_FOR = java.time.Duration.ofMinutes(2);
    /** How often a waiting heartbeat step checks whether Redis's topology changed meanwhile. */
    private static final long WAIT_SLICE_MILLIS = 50;

    private final TernConfig.Cluster config;
    private final ClusterHealth health;
    private final RedisLink redis;
    private final RouteTable routes;
    private final NodeRegistry registry;
    private final RedisFanout fanout;
    private final ScheduledExecutorService heartbeats;
    private final Ticker ticker;
    private final RedisNodeOrders orders;
    private volatile ClusterInbox inbox;
    private volatile ClientMover mover;
    private volatile SessionRegistry sessions;
    private LongSupplier accepted = () -> 0;
    private volatile ScheduledFuture<?> beating;
    private ScheduledFuture<?> moving;
    private final AtomicBoolean recoverQueued = new AtomicBoolean();
    /** Messages committed and when, at the last heartbeat: the figure of messages a second. */
    private long acceptedAtBeat;
    private long beatNanos;
    private volatile double messagesPerSecond;
    /**
     * The registry entry is rewritten every beat (it is one key, and its freshness decides logins), the routes
     * only about three times per TTL (one write per online user): often enough that none expires, rarely
     * enough that a short heartbeat stays cheap on a node with many users.
     */
    private final int routeRefreshBeats;
    /** Touched only on the heartbeat thread. */
    private int beatsSinceRouteRefresh;
    /** The live nodes at the last heartbeat; written only on the heartbeat thread. */
    private volatile Set<Integer> lastLive = Set.of();

    private ClusterNode(TernConfig.Cluster config, ClusterHealth health, RedisLink redis, Supplier<String> wsUrl,
                        ScheduledExecutorService heartbeats, Clock clock, Ticker ticker) {
        this.config = config;
        this.health = health;
        this.redis = redis;
        this.heartbeats = heartbeats;
        this.ticker = ticker;
        this.orders = new RedisNodeOrders(redis, config.nodeId(), () -> heartbeats.execute(this::takeOrders));
        this.routeRefreshBeats = (int) Math.max(1, config.ttl().toMillis() / (3 * config.heartbeat().toMillis()));
        this.routes = new RouteTable(redis, health, config.nodeId(), config.ttl(),
                new RouteCache(config.routeCacheSize(), config.ttl(), ticker));
        this.registry = new NodeRegistry(redis, config.nodeId(), wsUrl, config.ttl(), clock,
                new HeartbeatWatch(config.nodeId(), ticker, config.loginStaleAfter()),
                new PendingLogins(ticker, PENDING_LOGINS_FOR));
        this.fanout = new RedisFanout(redis, routes, health);
    }

    /**
     * Connects to Redis, waiting for it up to {@code cluster.startWait}, else goes on without it (it keeps
     * connecting in the background and joins at the first heartbeat that reaches it). {@code wsUrl} is read at each heartbeat, so it
     * may depend on the port bound later; {@code heartbeats} is a thread of the node's own, used only here.
     */
    public static ClusterNode connect(TernConfig.Cluster config, Supplier<String> wsUrl,
                                      ScheduledExecutorService heartbeats, Clock clock, Ticker ticker) {
        ClusterHealth health = new ClusterHealth();
        InboxRelay relay = new InboxRelay();
        RedisLink redis = RedisLink.open(config.redisUri(), config.startWait(), health, relay::onMessage, heartbeats);
        ClusterNode node = new ClusterNode(config, health, redis, wsUrl, heartbeats, clock, ticker);
        relay.node = node;
        return node;
    }

    /** Tells Redis which devices are online here. */
    public Presence presence() {
        return routes;
    }

    /** Delivers to the devices on other nodes. */
    public RemoteFanout remoteFanout() {
        return fanout;
    }

    /** Rate limits shared by all nodes. */
    public SharedBuckets buckets() {
        return new RedisBuckets(redis, health);
    }

    /** Failed-login counters for the whole cluster (per node while Redis is away). */
    public io.tern.server.core.limit.SharedBackoff backoff() {
        return new RedisBackoff(redis, health);
    }

    /** The live nodes, for the login route and operators. */
    public NodeDirectory directory() {
        return registry;
    }

    /** Operators' drain, resume and move orders to any node of the cluster. */
    public NodeOrders orders() {
        return orders;
    }

    /** Moves this node's clients off when draining or rebalancing; null before {@link #attach}. */
    public ClientMover mover() {
        return mover;
    }

    /** Messages a second this node committed over the last heartbeat (the figure it publishes). */
    public double messagesPerSecond() {
        return messagesPerSecond;
    }

    /** The nodes that were live at the last heartbeat. */
    public int liveNodeCount() {
        return lastLive.size();
    }

    /**
     * Starts receiving from other nodes into the local sessions (pushes through {@code ordered}), registers the
     * node if Redis answers (else the heartbeat does once it does) and starts the heartbeat. Call once the port
     * is bound (the registry entry carries the URL).
     */
    public void attach(SessionRegistry sessions, GroupMembers groups, PushOrder ordered, LongSupplier acceptedMessages) {
        attach(sessions, groups, ordered, acceptedMessages, () -> { });
    }

    /** As above; {@code drainedExit} stops the node when a drain ordered with exit has moved every client off. */
    public void attach(SessionRegistry sessions, GroupMembers groups, PushOrder ordered, LongSupplier acceptedMessages,
                       Runnable drainedExit) {
        this.sessions = sessions;
        this.accepted = acceptedMessages;
        this.acceptedAtBeat = acceptedMessages.getAsLong();
        this.beatNanos = ticker.nanos();
        this.mover = new ClientMover(sessions, ticker, config.moveRate(), drainedExit);
        this.inbox = new ClusterInbox(config.nodeId(), sessions, groups, ordered, user -> {
            if (routes.routesChanged(user)) {
                fanout.syncUsers(user); // a push may have followed the old route: the new device fetches it
            }
        });
        try {
            orders.forgetEarlier();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("orders of an earlier run not cleared (Redis does not answer yet): {}", e.toString());
        }
        health.unjoined(); // so the first heartbeat subscribes, registers and writes the routes
        heartbeat();
        health.onReachable(this::recoverSoon);
        if (!health.healthy()) {
            log.warn("node {} is not in the cluster yet (Redis at {} does not answer): it serves its own users and "
                    + "joins at the first heartbeat that reaches Redis", config.nodeId(), config.redisUri());
        }
        long period = config.heartbeat().toMillis();
        beating = heartbeats.scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
        moving = heartbeats.scheduleWithFixedDelay(mover::tick, MOVE_TICK_MILLIS, MOVE_TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Takes this node's orders now (the operator's request reached this very node) and beats with the result. */
    private void takeOrders() {
        if (mover != null && (beating == null || !beating.isCancelled())) {
            heartbeat();
        }
    }

    /**
     * Redis may answer again (a connection came back, the cluster's topology changed): recover now rather than at
     * the next heartbeat, which after a failover is most of the time pushes between nodes still miss. At most one
     * such beat is queued at a time.
     */
    private void recoverSoon() {
        if (recoverQueued.compareAndSet(false, true)) {
            heartbeats.execute(() -> {
                recoverQueued.set(false);
                if (!health.healthy() && beating != null && !beating.isCancelled()) {
                    heartbeat();
                }
            });
        }
    }

    /**
     * The first step of a clean stop: no new connections are routed here. The heartbeat stops too, or its
     * next beat would register the node again while it is still closing.
     */
    public void drain() {
        if (beating != null) {
            beating.cancel(false);
        }
        if (moving != null) {
            moving.cancel(false);
        }
        registry.deregister();
    }

    /** Runs one heartbeat now; for tests that must not wait for the next one. */
    void heartbeat() {
        boolean recovering = health.beginRecovery();
        long epoch = health.reachableEpoch();
        try {
            if (recovering) {
                await(redis.subscribe(Keys.channel(config.nodeId()), Keys.BROADCAST), 1, epoch);
            }
            if (mover != null) {
                orders.takeInto(mover);
            }
            await(registry.beat(figures()), 1, epoch);
            if (recovering || ++beatsSinceRouteRefresh >= routeRefreshBeats) {
                await(routes.refreshAll(!recovering), 2, epoch); // a recovery announces every user itself
                beatsSinceRouteRefresh = 0;
            }
            watchForDeadNodes(recovering);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            health.failed("heartbeat", e); // recovery (if it was one) is retried at the next heartbeat
            return;
        }
        if (recovering) {
            recovered();
        }
        fanout.resync();
    }

    /**
     * Waits for a heartbeat step up to {@code timeouts} command timeouts, but gives up as soon as Redis may answer
     * differently ({@link ClusterHealth#reachable}): a step whose commands went to a primary that has died waits
     * for nothing once its replica took over, and the recovery that the new topology queued runs right after.
     */
    private void await(Future<?> step, int timeouts, long epoch) throws Exception {
        long slices = timeouts * RedisLink.COMMAND_TIMEOUT.toMillis() / WAIT_SLICE_MILLIS;
        for (long i = 1; ; i++) {
            try {
                step.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (health.reachableEpoch() != epoch) {
                    throw new TimeoutException("Redis connections or topology changed meanwhile; trying again");
                }
                if (i >= slices) {
                    throw e;
                }
            }
        }
    }

    private LocalFigures figures() {
        long now = ticker.nanos();
        long count = accepted.getAsLong();
        if (now > beatNanos) {
            messagesPerSecond = Math.round((count - acceptedAtBeat) * 10e9 / (now - beatNanos)) / 10.0;
        }
        acceptedAtBeat = count;
        beatNanos = now;
        ClientMover m = mover;
        SessionRegistry s = sessions;
        return new LocalFigures(routes.size(), s == null ? routes.size() : s.sessionCount(), messagesPerSecond,
                m != null && m.draining());
    }

    /**
     * A node that was live at the last heartbeat and is gone now may have died between committing a message
     * and publishing it to the other nodes: its senders got CHAT_RESP, but the recipients here never heard of
     * it. Every local client is told to SYNC, which fetches such messages from the store at once.
     */
    private void watchForDeadNodes(boolean recovering) {
        Set<Integer> live = new HashSet<>();
        registry.liveNodes().forEach(n -> live.add(n.nodeId()));
        Set<Integer> gone = new HashSet<>(lastLive);
        gone.removeAll(live);
        lastLive = live;
        if (!gone.isEmpty() && !recovering) { // a recovery hints everybody anyway
            log.info("node(s) {} left the cluster; local clients told to SYNC", gone);
            inbox.hintAll();
        }
    }

    private void recovered() {
        ClusterInbox current = inbox;
        health.recovered();
        routes.forgetCachedRoutes();
        current.forgetGroups();
        current.hintAll();
        // While Redis was away this node's routes could not be refreshed and may have expired there (a failover
        // longer than cluster.ttl); another node that read them then caches "no devices" and stops pushing to them
        // until its entry ages out. They are rewritten now: have every node drop what it cached of them. A node
        // that routed a message from such an entry has those users SYNC (as for every route change).
        fanout.routesChanged(routes.localUsers());
        log.info("node {} (re)joined the cluster at {}: registered, {} routes written, local clients told to SYNC",
                config.nodeId(), config.redisUri(), routes.size());
    }

    /** Stops the heartbeat and removes this node's routes and entry; the connection closes. */
    @Override
    public void close() {
        if (beating != null) {
            beating.cancel(false);
        }
        if (moving != null) {
            moving.cancel(false);
        }
        try {
            routes.removeAll().get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.info("routes of node {} were not removed ({}); they expire after {}", config.nodeId(), e.toString(),
                    config.ttl());
        }
        registry.deregister();
        redis.close();
    }

    /** Lets the Redis link deliver to the inbox, which exists only once the session registry does. */
    private static final class InboxRelay {
        private volatile ClusterNode node;

        void onMessage(String channel, String payload) {
            ClusterNode n = node;
            ClusterInbox inbox = n == null ? null : n.inbox;
            if (inbox != null) {
                inbox.onMessage(channel, payload);
            }
        }
    }
}
