package io.tern.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tern.protocol.FrameCodec;
import io.tern.server.core.FatalErrorHandler;
import io.tern.server.core.NodeHealth;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.Ticker;
import io.tern.server.startup.DataDirLock;
import io.tern.server.startup.StartupChecks;
import io.tern.server.core.retention.RetentionPolicy;
import io.tern.server.store.JdbcRetentionStore;
import io.tern.server.core.retention.Purger;
import io.tern.server.store.SqliteBackup;
import io.tern.server.store.JdbcAdminStore;
import io.tern.server.core.admin.AdminService;
import io.tern.server.transport.http.AdminRoutes;
import io.tern.server.transport.http.RegistrationGate;
import io.tern.server.store.JdbcInviteStore;
import io.tern.server.core.admin.Invites;
import io.tern.server.core.group.GroupStore;
import io.tern.server.core.message.MessageStore;
import io.tern.protocol.Kick;
import io.tern.server.config.TernConfig;
import io.tern.server.core.account.AccountsManager;
import io.tern.server.core.account.UsernameKeys;
import io.tern.server.core.account.PasswordHasher;
import io.tern.server.core.account.Tokens;
import io.tern.server.core.group.GroupMembers;
import io.tern.server.core.group.GroupAdmin;
import io.tern.server.core.group.GroupsManager;
import io.tern.server.cluster.ClusterNode;
import io.tern.server.core.cluster.LocalNode;
import io.tern.server.core.cluster.NodeDirectory;
import io.tern.server.core.Ticker;
import io.tern.server.core.message.Fanout;
import io.tern.server.core.media.MediaContents;
import io.tern.server.core.media.MediaService;
import io.tern.server.core.media.MediaSweeper;
import io.tern.server.transport.http.MediaDownloadHandler;
import io.tern.server.transport.http.MediaPipeline;
import io.tern.server.transport.http.MediaUploads;
import io.tern.server.core.message.FillRecipients;
import io.tern.server.core.message.PushOrder;
import io.tern.server.core.message.RemoteFanout;
import io.tern.server.core.session.Presence;
import io.tern.server.transport.http.NodeRoutes;
import io.tern.server.core.message.MessageQueries;
import io.tern.server.core.message.MessageWriter;
import io.tern.server.core.message.MessagesManager;
import io.tern.server.core.message.MsgIds;
import io.tern.server.core.session.LongPolls;
import io.tern.server.core.session.SessionRegistry;
import io.tern.server.store.Database;
import io.tern.server.store.JdbcAccountStore;
import io.tern.server.store.JdbcGroupStore;
import io.tern.server.store.JdbcMessageStore;
import io.tern.server.transport.TernHttpServer;
import io.tern.server.transport.TernInitializer;
import io.tern.server.transport.http.AccountRoutes;
import io.tern.server.transport.http.ApiHandler;
import io.tern.server.transport.http.ApiRoute;
import io.tern.server.transport.http.ConversationRoutes;
import io.tern.server.transport.http.GroupAdminRoutes;
import io.tern.server.transport.http.GroupRoutes;
import io.tern.server.transport.http.HttpMessagingRoutes;
import io.tern.server.transport.http.OpenApi;
import io.tern.server.transport.http.OpsHandler;
import io.tern.server.transport.http.PresenceRoutes;
import io.tern.server.transport.ws.FrameCodecHandler;
import io.tern.server.transport.ws.FrameDispatcher;
import io.tern.server.transport.ws.Replies;
import io.tern.server.transport.ws.SessionOpener;
import io.tern.server.transport.ws.WebSocketAuthHandler;
import io.tern.server.transport.ws.handlers.AckHandler;
import io.tern.server.transport.ws.handlers.ChatHandler;
import io.tern.server.transport.ws.handlers.LoginHandler;
import io.tern.server.transport.ws.handlers.PingHandler;
import io.tern.server.transport.ws.handlers.PongHandler;
import io.tern.server.transport.ws.handlers.PullHandler;
import io.tern.server.transport.ws.handlers.ReadHandler;
import io.tern.server.transport.ws.handlers.TypingHandler;
import io.tern.server.transport.ws.handlers.SyncHandler;
import io.tern.server.core.Ticker;
import io.tern.server.core.limit.Limits;
import io.tern.server.core.limit.SharedBuckets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Tern node, built by hand from its configuration. Start with {@link #start}, stop with {@link #close}. */
public final class TernServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TernServer.class);
    private static final int WRITER_QUEUE_CAPACITY = 200_000;

    private final Database database;
    private final MessageWriter writer;
    private final ExecutorService blocking;
    private final ScheduledExecutorService timers;
    private final SessionRegistry sessions;
    private final io.tern.server.core.people.PresenceNotices presenceNotices;
    private final TernHttpServer http;
    private final List<ApiRoute> routes;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final StopOnce stopOnce = new StopOnce();
    /** The Redis cluster membership; null on a single node. */
    private final ClusterNode cluster;
    private final ScheduledExecutorService clusterTimer;
    private final NodeHealth health;
    private final io.tern.server.push.PushModule push;
    /** Held while this node runs on a SQLite data directory; null on PostgreSQL. */
    private final DataDirLock dataDirLock;
    /** Clients of outside services (the S3 media bucket) closed last, once nothing uses them. */
    private final List<AutoCloseable> closeables = new java.util.ArrayList<>();

    /**
     * What a node takes from outside besides its configuration: the wall clock (timestamps, msg ids), the
     * monotonic ticker (intervals, deadlines, rates), what to do when a thread it cannot live without dies, and,
     * for tests, a wrapper around each store port (identity in production).
     */
    public record Environment(Clock clock, Ticker ticker, FatalErrorHandler fatal,
                              UnaryOperator<MessageStore> messageStore, UnaryOperator<GroupStore> groupStore) {
        /** The system clock and ticker; a fatal error is only logged and makes the node not ready. */
        public static Environment system() {
            return new Environment(Clock.systemUTC(), Ticker.system(), (thread, error) -> { },
                    UnaryOperator.identity(), UnaryOperator.identity());
        }

        public Environment withClock(Clock c) {
            return new Environment(c, ticker, fatal, messageStore, groupStore);
        }

        public Environment withTicker(Ticker t) {
            return new Environment(clock, t, fatal, messageStore, groupStore);
        }

        public Environment withFatal(FatalErrorHandler f) {
            return new Environment(clock, ticker, f, messageStore, groupStore);
        }

        public Environment withMessageStore(UnaryOperator<MessageStore> wrap) {
            return new Environment(clock, ticker, fatal, wrap, groupStore);
        }

        public Environment withGroupStore(UnaryOperator<GroupStore> wrap) {
            return new Environment(clock, ticker, fatal, messageStore, wrap);
        }
    }

    private TernServer(TernConfig config, Environment env, DataDirLock dataDirLock) throws InterruptedException {
        this.dataDirLock = dataDirLock;
        Clock clock = env.clock();
        Ticker ticker = env.ticker();
        this.health = new NodeHealth(env.fatal());
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TernMetrics metrics = new TernMetrics(registry);
        new JvmMemoryMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        ProcessMemoryMetrics.bindTo(registry);
        this.database = Database.open(config.store());
        this.blocking = Executors.newFixedThreadPool(config.server().blockingThreads(), DaemonThreads.named("tern-blocking-"));
        this.timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tern-timers-"));
        this.clusterTimer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tern-cluster-"));
        this.cluster = config.cluster().mode() == TernConfig.ClusterMode.REDIS
                ? ClusterNode.connect(config.cluster(), () -> advertisedWsUrl(config), clusterTimer, clock, ticker) : null;
        FrameCodec codec = FrameCodec.forServer();

        AccountsManager accounts = new AccountsManager(new JdbcAccountStore(database),
                new PasswordHasher(config.auth().bcryptCost()), new Tokens(new SecureRandom()), clock,
                config.auth().tokenTtl(), new UsernameKeys());
        int keyed = accounts.backfillUsernameKeys();
        if (keyed > 0) {
            log.info("gave {} accounts made by an older version their look-alike username key", keyed);
        }
        Limits limits = new Limits(config.limits(), ticker,
                cluster == null ? SharedBuckets.NONE : cluster.buckets(),
                cluster == null ? io.tern.server.core.limit.SharedBackoff.NONE : cluster.backoff());
        this.sessions = new SessionRegistry(config.session().multiDevice(), config.limits().connectionsPerUser(),
                cluster == null ? Presence.LOCAL : cluster.presence());
        Gauge.builder("tern.connections", sessions, SessionRegistry::sessionCount)
                .description("logged-in WebSocket sessions").register(registry);
        MessageStore messageStore = env.messageStore().apply(new JdbcMessageStore(database,
                config.operations().directChats() == TernConfig.DirectChats.CONTACTS));
        GroupStore groupStore = env.groupStore().apply(new JdbcGroupStore(database));
        MsgIds msgIds = new MsgIds(clock, config.cluster().nodeId());
        // ids must not depend on the clock being ahead of the previous run's: start past the largest stored one
        messageStore.maxMsgId().ifPresent(msgIds::continueAfter);
        GroupMembers groupMembers = new GroupMembers(groupStore);
        Gauge.builder("tern.groups.cached", groupMembers, GroupMembers::cached)
                .description("groups whose members are cached").register(registry);
        PushOrder pushOrder = new PushOrder(sessions, codec, messageStore::range,
                new FillRecipients(groupMembers, groupStore, messageStore, sessions), blocking, timers, ticker,
                config.delivery().reorderWait(), config.delivery().reorderMaxConversations(),
                config.delivery().reorderMaxBuffered(), config.cluster().mode() == TernConfig.ClusterMode.REDIS,
                metrics);
        Gauge.builder("tern.pushes.waiting", pushOrder, PushOrder::waiting)
                .description("pushes held back for an earlier seq of their conversation").register(registry);
        this.writer = new MessageWriter(messageStore, msgIds, clock, config.store().batchMaxMessages(),
                config.store().batchMaxBytes(), WRITER_QUEUE_CAPACITY, config.delivery().writerQueueBytes(), metrics,
                health, pushOrder, ticker, config.store().deliveredCursorDelay());
        Gauge.builder("tern.writer.queued", writer, MessageWriter::queuedBytes).baseUnit("bytes")
                .description("bytes of messages waiting for the store writer").register(registry);
        MessageQueries queries = new MessageQueries(messageStore, blocking, clock, config.delivery(), metrics);
        var blockStore = new io.tern.server.store.JdbcBlockStore(database);
        io.tern.server.store.JdbcContactStore contactStore = new io.tern.server.store.JdbcContactStore(database);
        io.tern.server.store.JdbcPrivacyStore privacyStore = new io.tern.server.store.JdbcPrivacyStore(database);
        // a change committed on another node would not reach this node's cache: only a single node keeps one
        var visibilityCache = cluster == null ? new io.tern.server.core.people.VisibilityCache() : null;
        io.tern.server.core.people.Visibility visibility = new io.tern.server.core.people.Visibility(
                new io.tern.server.core.people.Blocks(blockStore, id -> accounts.find(id).isPresent(), clock),
                contactStore, privacyStore, visibilityCache);
        Fanout fanout = new Fanout(sessions, groupMembers, codec,
                cluster == null ? RemoteFanout.NONE : cluster.remoteFanout(), pushOrder);
        this.presenceNotices = new io.tern.server.core.people.PresenceNotices(contactStore, visibility, sessions,
                accounts, (notice, users) -> fanout.notify(notice, users, -1), clock, blocking);
        sessions.listen(presenceNotices);
        io.micrometer.core.instrument.FunctionCounter.builder("tern.presence.dropped", presenceNotices,
                io.tern.server.core.people.PresenceNotices::dropped)
                .description("presence changes not announced: the queue was full").register(registry);
        var peopleChanges = visibilityCache == null ? presenceNotices
                : io.tern.server.core.people.PeopleChanges.all(visibilityCache, presenceNotices);
        io.tern.server.core.people.Blocks blocks = new io.tern.server.core.people.Blocks(blockStore,
                id -> accounts.find(id).isPresent(), clock, peopleChanges);
        MessagesManager messages = new MessagesManager(writer, fanout, groupMembers, queries,
                ticker, config.delivery(), metrics, limits, io.tern.server.core.message.kind.MessageKinds.standard(
                config.messages().editWindow(), config.messages().recallWindow(), config.messages().maxReactions()),
                visibility);
        GroupsManager groups = new GroupsManager(groupStore, messages, clock, config.delivery().maxGroupMembers());

        MediaService media = MediaSetup.open(config.media(), database, clock, closeables);
        SessionOpener opener = new SessionOpener(sessions, ticker, config.session(), accounts, blocking, metrics);
        Replies replies = new Replies(metrics);
        FrameDispatcher dispatcher = new FrameDispatcher(List.of(
                new LoginHandler(accounts, opener, blocking),
                new PingHandler(),
                new PongHandler(),
                new ChatHandler(messages, new MediaContents(media, blocking), replies),
                new AckHandler(messages, metrics),
                new SyncHandler(queries, replies),
                new PullHandler(queries, replies),
                new ReadHandler(messages, replies),
                new TypingHandler(messages, replies)), replies);
        this.routes = new ArrayList<>();
        NodeDirectory nodes = cluster == null
                ? new LocalNode(config.cluster().nodeId(), () -> advertisedWsUrl(config), sessions::sessionCount,
                        clock)
                : cluster.directory();
        Invites invites = new Invites(new JdbcInviteStore(database), new Tokens(new SecureRandom()), clock);
        routes.addAll(new RegistrationGate(config.operations().registration(), invites).guard(new AccountRoutes(
                accounts, sessions, config.server().publicWsUrl(), limits, config.tls().enabled(), nodes, blocking, visibility)
                .routes()));
        routes.addAll(new NodeRoutes(nodes, cluster == null ? null : cluster.orders(), config.cluster().opsToken(),
                config.cluster().loginStaleAfter()).routes());
        routes.addAll(new ConversationRoutes(queries, visibility).routes());
        routes.addAll(new GroupRoutes(groups, config.delivery().maxGroupMembers()).routes());
        routes.addAll(new GroupAdminRoutes(new GroupAdmin(groups, groupStore, clock, config.delivery().maxGroupMembers()),
                groups).routes());
        routes.addAll(new PresenceRoutes(accounts, sessions, limits, visibility).routes());
        routes.addAll(new io.tern.server.transport.http.BlockRoutes(blocks, accounts).routes());
        routes.addAll(new io.tern.server.transport.http.ContactRoutes(new io.tern.server.core.people.Contacts(
                contactStore, blocks, id -> accounts.find(id).isPresent(), clock, peopleChanges), privacyStore,
                visibility, accounts, sessions, peopleChanges).routes());
        routes.addAll(new io.tern.server.transport.http.SearchRoutes(new io.tern.server.core.search.SearchService(
                new io.tern.server.store.JdbcMessageSearch(database), queries, limits)).routes());
        routes.addAll(new io.tern.server.transport.http.PeopleRoutes(new io.tern.server.core.people.PeopleDirectory(
                new io.tern.server.store.JdbcPeopleStore(database), media, limits, clock)).routes());
        LongPolls longPolls = new LongPolls(sessions, timers, ticker, config.session().longPollGrace());
        Gauge.builder("tern.longpolls.waiting", longPolls, LongPolls::waiting)
                .description("HTTP long-polls held, waiting for a message").register(registry);
        routes.addAll(new HttpMessagingRoutes(messages, new MediaContents(media, blocking), queries, longPolls,
                blocking).routes());
        routes.addAll(new io.tern.server.transport.http.MediaRoutes(media).routes());
        MediaSweeper sweeper = new MediaSweeper(media, ticker, config.media().sweepInterval(), blocking);
        timers.scheduleWithFixedDelay(sweeper::tick, 1, 1, TimeUnit.SECONDS); // the ticker decides when a sweep is due
        this.push = io.tern.server.push.PushModule.start(config, clock, ticker, database, messageStore, sessions, registry);
        routes.addAll(push.routes());
        routes.addAll(new AdminRoutes(new AdminService(new JdbcAdminStore(database), accounts,
                userId -> sessions.kickUser(userId, null, Kick.LOGGED_OUT), new SqliteBackup(database), invites,
                clock)).routes());
        routes.add(OpenApi.route());
        TernConfig.Operations ops = config.operations();
        Purger purger = new Purger(new JdbcRetentionStore(database), new RetentionPolicy(ops.directRetention(),
                ops.groupRetention(), ops.purgeInterval(), ops.purgeBatch()), clock, ticker, blocking,
                () -> sweepAfterPurge(media));
        timers.scheduleWithFixedDelay(purger::tick, 1, 1, TimeUnit.SECONDS); // cheap: the ticker decides when to run
        var scheduled = new io.tern.server.store.JdbcScheduledStore(database);
        routes.addAll(new io.tern.server.transport.http.ScheduledRoutes(scheduled, clock,
                config.messages().maxScheduled(), config.delivery().maxContentBytes()).routes());
        var contents = new MediaContents(media, blocking);
        var scheduledSender = new io.tern.server.core.schedule.ScheduledSender(scheduled,
                (userId, chat) -> contents.resolve(userId, chat).thenCompose(c -> messages.send(userId, -1, c)),
                clock, blocking);
        timers.scheduleWithFixedDelay(scheduledSender::tick, 1, 1, TimeUnit.SECONDS); // a query a second; runs one at a time
        TernInitializer initializer = new TernInitializer(config,
                new WebSocketAuthHandler(accounts, blocking, config.server().allowedOrigins(), this::draining),
                new FrameCodecHandler(codec, config.server().maxFrameBytes(), replies),
                opener, dispatcher, new ApiHandler(routes, accounts, blocking, metrics),
                new OpsHandler(registry::scrape, () -> !health.failed() && database.isReachable(), blocking,
                        config.cluster().opsToken()), io.tern.server.transport.ServerTls.context(config.tls()), metrics,
                new MediaPipeline(new MediaUploads(accounts, media, blocking, metrics),
                        new MediaDownloadHandler(accounts, media, blocking, metrics)));
        Gauge.builder("tern.outbound.pending", initializer, TernInitializer::pendingOutboundBytes).baseUnit("bytes")
                .description("bytes queued for connections, not yet taken by the network").register(registry);
        this.http = new TernHttpServer(config.server(), initializer);
        if (cluster != null) {
            cluster.attach(sessions, groupMembers, pushOrder, () -> (long) metrics.accepted.count(), // once the port is bound
                    () -> new Thread(this::close, "tern-drained-exit").start()); // not on the cluster thread close() stops
            io.tern.server.cluster.ClusterMetrics.bind(registry, cluster);
        }
    }

    /** Media only purged history used: deleted from storage right after the purge, batch by batch. */
    private static void sweepAfterPurge(MediaService media) {
        try {
            int deleted = media.sweepAll(100);
            if (deleted > 0) {
                log.info("retention purge: {} media no kept message uses deleted", deleted);
            }
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("media sweep after the retention purge failed; the next media sweep retries: {}", e.toString());
        }
    }

    /** The WebSocket URL clients reach this node at: {@code cluster.advertisedWsUrl}, else the bound address. */
    private String advertisedWsUrl(TernConfig config) {
        if (!config.cluster().advertisedWsUrl().isEmpty()) {
            return config.cluster().advertisedWsUrl();
        }
        String host = config.server().host();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1"; // listening everywhere says nothing about how clients get here; see docs/cluster.md
        }
        return (config.tls().enabled() ? "wss://" : "ws://") + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + port() + "/ws";
    }

    /** Builds and starts a node on the system ticker; a fatal error only makes it not ready. */
    public static TernServer start(TernConfig config, Clock clock) {
        return start(config, Environment.system().withClock(clock));
    }

    /** As {@link #start(TernConfig, Clock)} with the given ticker, for tests that move time by hand. */
    public static TernServer start(TernConfig config, Clock clock, Ticker ticker) {
        return start(config, Environment.system().withClock(clock).withTicker(ticker));
    }

    /** Builds and starts a node; the port is bound when this returns. */
    public static TernServer start(TernConfig config, Environment env) {
        DataDirLock lock = config.store().kind() == TernConfig.StoreKind.SQLITE
                ? DataDirLock.acquire(config.store().dataDir()) : null;
        try {
            StartupChecks.verify(config); // before the database is created or migrated
            TernServer server = new TernServer(config, env, lock);
            log.info("Tern is listening on port {} ({}; web client at http://localhost:{}/)", server.port(), server.transport(),
                    server.port());
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeLock(lock);
            throw new IllegalStateException("interrupted while starting", e);
        } catch (Exception e) { // Netty rethrows a failed bind's checked BindException unchecked
            closeLock(lock);
            throw StartupChecks.explain(e, config);
        }
    }

    private static void closeLock(DataDirLock lock) {
        if (lock != null) {
            lock.close();
        }
    }

    public int port() {
        return http.port();
    }

    /** The network transport in use ({@code server.transport}): {@code epoll} or {@code nio}. */
    public String transport() {
        return http.transport();
    }

    public List<ApiRoute> routes() {
        return List.copyOf(routes);
    }

    /** This node's sessions: for the admin tools and for tests that must know a device is registered. */
    public SessionRegistry sessions() {
        return sessions;
    }

    public long sessionCount() {
        return sessions.sessionCount();
    }

    /** Whether this node is draining (an operator's order): it then takes no new WebSocket connections. */
    private boolean draining() {
        return cluster != null && cluster.mover() != null && cluster.mover().draining();
    }

    /** False for good once a thread the node cannot run without died (see {@link FatalErrorHandler}). */
    public boolean healthy() {
        return !health.failed();
    }

    /** Completes once the node stopped: closed, or by itself after a drain ordered with exit (Main then exits 0). */
    public java.util.concurrent.CompletableFuture<Void> stopped() {
        return stopOnce.done();
    }

    /** Stops accepting, tells clients to reconnect, commits what is queued, and closes the store; once. */
    @Override
    public void close() {
        stopOnce.run(this::stop);
    }

    private void stop() {
        if (cluster != null) {
            cluster.drain(); // logins stop routing here before the clients are told to go elsewhere
        }
        http.stopAccepting();
        presenceNotices.stop();
        sessions.kickAll(Kick.SHUTDOWN);
        awaitSessionsClosed(2_000);
        http.close();
        push.close();
        writer.close();
        if (cluster != null) {
            cluster.close(); // after the writer: the last commits still reach other nodes
        }
        clusterTimer.shutdownNow();
        blocking.shutdown();
        timers.shutdownNow();
        try {
            blocking.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c, e.toString());
            }
        }
        database.close();
        closeLock(dataDirLock);
        gcMetrics.close();
        registry.close();
        log.info("Tern stopped");
    }

    /**
     * Gives the KICKs time to reach the clients: the event loops are shut down next, and a KICK still queued
     * then may never be written, leaving a client to find out by timeout instead of reconnecting at once.
     */
    private void awaitSessionsClosed(long maxMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (sessions.sessionCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
