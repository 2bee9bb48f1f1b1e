package io.tern.server.core.limit;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a user id, an address): {@code burst} tokens, refilled at {@code perPeriod} tokens per
 * {@code period}. An ordinary burst passes; a sustained excess is refused with the time until the next
 * token. A limit of 0 disables the limiter. Idle buckets are dropped so memory stays bounded. Refill is measured
 * on a monotonic {@link Ticker}: a wall clock stepped backwards would otherwise make the refill negative and
 * hold a sender back for as long as the step.
 */
public final class RateLimiter {
    private static final int MAX_KEYS = 100_000;

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    private final double burst;
    private final double tokensPerMilli;
    private final Ticker ticker;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perPeriod, Duration period, int burst, Ticker ticker) {
        this.burst = perPeriod <= 0 ? 0 : Math.max(burst, 1);
        this.tokensPerMilli = perPeriod <= 0 ? 0 : perPeriod / (double) period.toMillis();
        this.ticker = ticker;
    }

    public boolean enabled() {
        return tokensPerMilli > 0;
    }

    /** Takes a token: 0 if allowed, else the milliseconds until one is available. */
    public long acquire(String key) {
        if (!enabled()) {
            return 0;
        }
        long now = ticker.millis();
        if (buckets.size() > MAX_KEYS) {
            evictIdle(now);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.updated) * tokensPerMilli);
            b.updated = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - b.tokens) / tokensPerMilli);
        }
    }

    private void evictIdle(long now) {
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                return b.tokens + (now - b.updated) * tokensPerMilli >= burst;
            }
        });
    }
}
