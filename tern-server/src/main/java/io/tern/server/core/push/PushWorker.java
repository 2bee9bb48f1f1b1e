package io.tern.server.core.push;

import io.tern.server.config.PushConfig;
import io.tern.server.core.Ticker;
import io.tern.server.core.message.ConversationIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns committed messages into notifications. Everything runs on one thread of its own (store calls block
 * there, never on an event loop): each tick tails the log ({@link LogTail}), schedules the pending jobs it does
 * not know yet {@code push.delay} ahead on the ticker, and fires the due ones. A job fires once per burst: all
 * messages that arrived before it was due collapse into one notification. The store is the only durable
 * state; the due times are rebuilt from it after a restart.
 */
public final class PushWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PushWorker.class);
    /** How long a started send holds its job against other workers: longer than a send may take (10 s timeouts). */
    private static final long CLAIM_LEASE_MILLIS = 30_000;
    /** How often devices of logged-out or expired logins are looked for (ticker time). */
    private static final long SWEEP_EVERY_NANOS = java.time.Duration.ofMinutes(1).toNanos();

    /** Whether a device of a user has a live session on this node. */
    @FunctionalInterface
    public interface LiveDevices {
        boolean online(long userId, String deviceId);
    }

    private final PushStore store;
    private final Map<Platform, PushProvider> providers;
    private final LiveDevices live;
    private final Clock clock;
    private final Ticker ticker;
    private final PushConfig config;
    private final PushMetrics metrics;
    private final ScheduledExecutorService executor;
    private final LogTail tail;
    private final Notifications notifications;
    /** Due time (ticker nanos) per job; bounded by push.maxQueued, the rest waits in the store. */
    private final Map<PushJob.Key, Long> due = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<PushJob.Key> inFlight = new HashSet<>();
    /** When each open job was first scheduled (ticker nanos), for the queue-age gauge; cleared when it closes. */
    private final Map<PushJob.Key, Long> since = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledFuture<?> task;
    private Long nextSweep;

    public PushWorker(PushStore store, Map<Platform, PushProvider> providers, LiveDevices live, Clock clock,
                      Ticker ticker, PushConfig config, PushMetrics metrics, ScheduledExecutorService executor) {
        this.store = store;
        this.providers = Map.copyOf(providers);
        this.live = live;
        this.clock = clock;
        this.ticker = ticker;
        this.config = config;
        this.metrics = metrics;
        this.executor = executor;
        this.tail = new LogTail(store, clock, config.scanLookback().toMillis());
        this.notifications = new Notifications(store);
    }

    public void start() {
        long every = config.pollInterval().toMillis();
        task = executor.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** Jobs scheduled in memory; for the queue gauge. Read from any thread (an estimate). */
    public int queued() {
        return due.size();
    }

    /** Seconds the oldest open job has waited since it was scheduled; 0 when none. From any thread. */
    public double oldestAgeSeconds() {
        long now = ticker.nanos();
        return since.values().stream().mapToLong(t -> now - t).max().orElse(0) / 1e9;
    }

    /** One round; runs on the worker's thread (public for tests that drive it). */
    public void tick() {
        try {
            tail.scan();
            if (nextSweep == null || ticker.nanos() - nextSweep >= 0) {
                nextSweep = ticker.nanos() + SWEEP_EVERY_NANOS;
                int removed = store.removeLoggedOut(clock.millis());
                if (removed > 0) {
                    log.debug("removed {} push devices of logged-out or expired logins", removed);
                }
            }
            schedulePending();
            fireDue();
        } catch (RuntimeException e) {
            log.warn("push worker round failed; trying again next round: {}", e.toString());
        }
    }

    private void schedulePending() {
        int room = config.maxQueued() - due.size();
        if (room <= 0) {
            return;
        }
        long at = ticker.nanos() + config.delay().toNanos();
        for (PushJob job : store.pending(Math.min(room + inFlight.size(), config.maxQueued()))) {
            if (!inFlight.contains(job.key())) {
                due.putIfAbsent(job.key(), at);
                since.putIfAbsent(job.key(), ticker.nanos());
            }
        }
    }

    private void fireDue() {
        long now = ticker.nanos();
        List<PushJob.Key> ready = new ArrayList<>();
        for (Iterator<Map.Entry<PushJob.Key, Long>> it = due.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<PushJob.Key, Long> e = it.next();
            if (inFlight.size() + ready.size() >= config.maxInFlight()) {
                break;
            }
            if (e.getValue() - now <= 0 && !inFlight.contains(e.getKey())) {
                ready.add(e.getKey());
            }
        }
        ready.forEach(this::fire);
    }

    private void fire(PushJob.Key key) {
        PushJob job = store.job(key).orElse(null);
        PushDevice device = job == null ? null : store.device(key.deviceRef()).orElse(null);
        if (job == null || device == null || !job.pending()) {
            closed(key);
            return;
        }
        long now = clock.millis();
        long[] cursors = store.cursors(device.userId(), key.conversationId());
        PushSettings settings = store.settings(device.userId());
        PushProvider provider = providers.get(device.platform());
        Decision decision = Decision.of(job, ConversationIds.groupId(key.conversationId()) != null, cursors[0],
                cursors[1], live.online(device.userId(), device.deviceId()), settings,
                store.mute(device.userId(), key.conversationId()).orElse(null), now, provider != null);
        if (decision != Decision.SEND) {
            metrics.skipped(decision);
            store.done(key, job.uptoSeq());
            closed(key);
            return;
        }
        long seq = job.uptoSeq();
        if (!store.claim(job, seq, now, CLAIM_LEASE_MILLIS)) {
            due.put(key, ticker.nanos() + config.delay().toNanos()); // another worker holds it, or it changed
            return;
        }
        Notification notification = notifications.build(device, job, seq, settings);
        inFlight.add(key);
        due.remove(key);
        provider.send(device, notification)
                .exceptionally(e -> PushResult.RETRY)
                .thenAcceptAsync(result -> finished(job, device, seq, result), executor);
    }

    private void finished(PushJob job, PushDevice device, long seq, PushResult result) {
        PushJob.Key key = job.key();
        inFlight.remove(key);
        try {
            switch (result) {
                case SENT -> {
                    metrics.sent(device.platform());
                    store.done(key, seq);
                    closed(key);
                }
                case DEAD -> {
                    metrics.dead(device.platform());
                    store.removeDevice(device.id());
                    closed(key);
                    log.info("{} removed: the provider says its token is gone", device);
                }
                case REJECTED -> {
                    metrics.failed(device.platform());
                    store.done(key, seq);
                    closed(key);
                }
                case RETRY -> retry(job, device, seq);
            }
        } catch (RuntimeException e) {
            // the store is away: the job keeps its started send and goes out again under the same id
            log.warn("recording the result of a notification failed: {}", e.toString());
            due.put(key, ticker.nanos() + config.retryInitial().toNanos());
        }
    }

    private void retry(PushJob job, PushDevice device, long seq) {
        int attempts = job.attempts() + 1;
        if (attempts >= config.maxAttempts()) {
            metrics.failed(device.platform());
            store.done(job.key(), seq);
            closed(job.key());
            return;
        }
        metrics.retried(device.platform());
        store.failed(job.key(), attempts);
        long backoff = Math.min(config.retryMax().toNanos(), config.retryInitial().toNanos() << Math.min(attempts - 1, 30));
        due.put(job.key(), ticker.nanos() + backoff);
    }

    /** The job's burst is over (sent, skipped, dropped, device gone); a later message opens a new one. */
    private void closed(PushJob.Key key) {
        due.remove(key);
        since.remove(key);
    }

    /** Stops the rounds; sends in flight are forgotten and go out again after the next start. */
    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
        providers.values().forEach(PushProvider::close);
    }
}
