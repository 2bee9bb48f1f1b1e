package io.tern.server.push;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tern.server.config.TernConfig;
import io.tern.server.core.Ticker;
import io.tern.server.core.message.MessageStore;
import io.tern.server.core.push.Platform;
import io.tern.server.core.push.PushMetrics;
import io.tern.server.core.push.PushProvider;
import io.tern.server.core.push.PushService;
import io.tern.server.core.push.PushWorker;
import io.tern.server.core.session.SessionRegistry;
import io.tern.server.store.Database;
import io.tern.server.store.JdbcPushStore;
import io.tern.server.transport.http.ApiRoute;
import io.tern.server.transport.http.PushRoutes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The push path as TernServer builds it: store, providers, worker (on a thread of its own), service and routes.
 * Kept out of TernServer so the composition root grows by two lines.
 */
public final class PushModule implements AutoCloseable {
    private final List<ApiRoute> routes;
    private final PushWorker worker;
    private final ScheduledExecutorService thread;

    private PushModule(List<ApiRoute> routes, PushWorker worker, ScheduledExecutorService thread) {
        this.routes = routes;
        this.worker = worker;
        this.thread = thread;
    }

    public static PushModule start(TernConfig config, Clock clock, Ticker ticker, Database database,
                                   MessageStore messages, SessionRegistry sessions, MeterRegistry registry) {
        JdbcPushStore store = new JdbcPushStore(database);
        VapidKeys vapid = config.push().webPush().on()
                ? VapidKeys.loadOrCreate(config.store().dataDir().resolve("push-vapid.properties")) : null;
        Map<Platform, PushProvider> providers = PushProviders.build(config.push(), clock, vapid);
        PushService service = new PushService(store, providers.keySet(), config.push(), clock,
                (user, conversation) -> isMember(messages, user, conversation));
        List<ApiRoute> routes = new PushRoutes(service, vapid == null ? null : vapid.publicKeyBase64()).routes();
        if (!config.push().enabled()) {
            providers.values().forEach(PushProvider::close);
            return new PushModule(routes, null, null);
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tern-push");
            t.setDaemon(true);
            return t;
        });
        PushWorker worker = new PushWorker(store, providers,
                (user, device) -> sessions.sessionsOf(user).stream().anyMatch(s -> s.deviceId().equals(device)),
                clock, ticker, config.push(), new PushMetrics(registry), thread);
        Gauge.builder("tern.push.queued", worker, PushWorker::queued)
                .description("notification jobs scheduled in memory").register(registry);
        Gauge.builder("tern.push.queue.age", worker, PushWorker::oldestAgeSeconds).baseUnit("seconds")
                .description("how long the oldest open notification job has waited").register(registry);
        worker.start();
        return new PushModule(routes, worker, thread);
    }

    /** Either side of a one-to-one conversation (its rows may not exist yet), or a group member past or present. */
    private static boolean isMember(MessageStore messages, long user, String conversation) {
        long[] direct = io.tern.server.core.message.ConversationIds.directMembers(conversation);
        if (direct != null) {
            return direct[0] == user || direct[1] == user;
        }
        return io.tern.server.core.message.ConversationIds.groupId(conversation) != null
                && messages.membership(user, conversation).isPresent();
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    /** Stops the worker; jobs not sent stay in the store for the next start. */
    @Override
    public void close() {
        if (worker == null) {
            return;
        }
        thread.submit(worker::close);
        thread.shutdown();
        try {
            thread.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }
}
