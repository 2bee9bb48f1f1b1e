package io.tern.server.core.limit;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rate limit per key (a user) that holds for the whole cluster without a Redis call per taken token: this node
 * decides each token with its own bucket, at once, and spends what it let through from the shared bucket
 * afterwards, in batches: when {@code batch} tokens are pending, or a second after the last spend, and never two
 * spends of one key in flight. When the shared bucket is in debt — other nodes let the same user through too — the
 * key is refused on this node until the debt is paid off by the refill. A single node, or a cluster whose shared
 * buckets do not answer, is limited by its own bucket alone.
 *
 * <p>What it costs and allows: at most one script call per {@code batch} tokens per key and node (one a second
 * for a slow key); the cluster-wide excess is bounded by what each node lets through before its next spend
 * comes back: about {@code batch} per node, plus one round trip's worth.
 */
public final class SharedRate {
    static final int MAX_KEYS = 100_000;
    /** A key with fewer than a batch pending is still spent after this long (at its next token). */
    static final long SPEND_AFTER_MILLIS = 1_000;

    private static final class Debt {
        int pending;
        boolean spending;
        long lastSpend = Long.MIN_VALUE / 2;
        long blockedUntil = Long.MIN_VALUE / 2;
        long lastUse;
    }

    private final RateLimiter local;
    private final SharedBuckets shared;
    private final String name;
    private final int perPeriod;
    private final Duration period;
    private final int burst;
    private final int batch;
    private final Ticker ticker;
    private final Map<String, Debt> debts = new ConcurrentHashMap<>();
    /** When idle keys were last looked for: at most once a spend interval, not on every token while full. */
    private final java.util.concurrent.atomic.AtomicLong lastEviction =
            new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE / 2);

    public SharedRate(String name, int perPeriod, Duration period, int burst, int batch, SharedBuckets shared,
                      Ticker ticker) {
        this.local = new RateLimiter(perPeriod, period, burst, ticker);
        this.name = name;
        this.perPeriod = perPeriod;
        this.period = period;
        this.burst = burst;
        this.batch = Math.max(1, batch);
        this.shared = shared;
        this.ticker = ticker;
    }

    /** Takes a token: 0 if allowed, else the milliseconds to wait. Never blocks (the shared spend is async). */
    public long acquire(String key) {
        if (!local.enabled()) {
            return 0;
        }
        long now = ticker.millis();
        Debt debt = null;
        if (shared.available()) {
            debt = debt(key, now);
            if (debt != null) {
                synchronized (debt) {
                    if (now < debt.blockedUntil) {
                        return debt.blockedUntil - now;
                    }
                }
            }
        }
        long wait = local.acquire(key);
        if (wait > 0 || debt == null) {
            return wait;
        }
        int spend = 0;
        synchronized (debt) {
            debt.pending++;
            debt.lastUse = now;
            if (!debt.spending && (debt.pending >= batch || now - debt.lastSpend >= SPEND_AFTER_MILLIS)) {
                spend = debt.pending;
                debt.pending = 0;
                debt.spending = true;
                debt.lastSpend = now;
            }
        }
        if (spend > 0) {
            spend(key, debt, spend);
        }
        return 0;
    }

    /**
     * The key's shared state, or null while the table is full of active keys: such a key is limited by this node's
     * bucket alone until room is made.
     */
    private Debt debt(String key, long now) {
        Debt debt = debts.get(key);
        if (debt != null) {
            return debt;
        }
        if (debts.size() >= MAX_KEYS) {
            long last = lastEviction.get();
            if (now - last >= SPEND_AFTER_MILLIS && lastEviction.compareAndSet(last, now)) {
                evictIdle(now);
            }
            if (debts.size() >= MAX_KEYS) {
                return null;
            }
        }
        return debts.computeIfAbsent(key, k -> new Debt());
    }

    private void spend(String key, Debt debt, int tokens) {
        shared.spend(name, key, perPeriod, period, burst, tokens).whenComplete((wait, err) -> {
            long now = ticker.millis();
            synchronized (debt) {
                debt.spending = false;
                if (err == null && wait != null && wait > 0) { // UNAVAILABLE (-1): the tokens go uncounted
                    debt.blockedUntil = Math.max(debt.blockedUntil, now + wait);
                }
            }
        });
    }

    private void evictIdle(long now) {
        debts.entrySet().removeIf(e -> {
            Debt d = e.getValue();
            synchronized (d) {
                return !d.spending && now - d.lastUse > 2 * SPEND_AFTER_MILLIS && now >= d.blockedUntil;
            }
        });
    }
}
