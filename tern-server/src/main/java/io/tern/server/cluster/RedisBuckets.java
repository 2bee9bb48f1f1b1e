package io.tern.server.cluster;

import io.lettuce.core.ScriptOutputType;
import io.tern.server.core.limit.SharedBuckets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets in Redis, one hash per bucket ({@code tern:rate:<name>:<key>}: tokens, last refill), taken in
 * one Lua script so concurrent nodes cannot both spend the last token. Time is Redis's own clock, the one
 * clock every node shares. The hash expires once it would be full again. While Redis is unhealthy the node
 * uses its own buckets instead of waiting for a timeout on every login.
 */
final class RedisBuckets implements SharedBuckets {
    /** Both scripts start here: the bucket's tokens, refilled at ARGV[1] per millisecond up to ARGV[2]. */
    private static final String REFILL = String.join("\n", LuaClock.NOW_MS,
            "local rate = tonumber(ARGV[1])",
            "local burst = tonumber(ARGV[2])",
            "local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')",
            "local tokens = tonumber(b[1]) or burst",
            "local at = tonumber(b[2]) or ms",
            "tokens = math.min(burst, tokens + math.max(0, ms - at) * rate)");

    private static final String TAKE = String.join("\n", REFILL,
            "local wait = 0",
            "if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end",
            "redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(ms))",
            "redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)",
            "return wait");

    /** As TAKE, but spends ARGV[3] tokens whatever is left (debt down to -burst); answers the wait out of debt. */
    private static final String SPEND = String.join("\n", REFILL,
            "tokens = math.max(-burst, tokens - tonumber(ARGV[3]))",
            "redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(ms))",
            "redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 1000)",
            "if tokens >= 0 then return 0 end",
            "return math.ceil(-tokens / rate)");

    private final RedisLink redis;
    private final ClusterHealth health;

    RedisBuckets(RedisLink redis, ClusterHealth health) {
        this.redis = redis;
        this.health = health;
    }

    @Override
    public boolean available() {
        return health.healthy();
    }

    @Override
    public CompletableFuture<Long> spend(String name, String key, int perPeriod, Duration period, int burst,
                                         int tokens) {
        if (!health.healthy() || perPeriod <= 0) {
            return CompletableFuture.completedFuture(UNAVAILABLE);
        }
        double perMilli = perPeriod / (double) period.toMillis();
        try {
            return redis.async().<Long>eval(SPEND, ScriptOutputType.INTEGER, new String[] {"tern:rate:" + name + ":" + key},
                    Double.toString(perMilli), Integer.toString(Math.max(burst, 1)), Integer.toString(tokens))
                    .toCompletableFuture().orTimeout(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((wait, err) -> {
                        if (err != null) {
                            health.failed("rate limit", err);
                        }
                        return err != null || wait == null ? UNAVAILABLE : wait;
                    });
        } catch (RuntimeException e) {
            health.failed("rate limit", e);
            return CompletableFuture.completedFuture(UNAVAILABLE);
        }
    }

    @Override
    public long acquire(String name, String key, int perPeriod, Duration period, int burst) {
        if (!health.healthy() || perPeriod <= 0) {
            return UNAVAILABLE;
        }
        double perMilli = perPeriod / (double) period.toMillis();
        try {
            Long wait = redis.async().<Long>eval(TAKE, ScriptOutputType.INTEGER, new String[] {"tern:rate:" + name + ":" + key},
                    Double.toString(perMilli), Integer.toString(Math.max(burst, 1)))
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return wait == null ? UNAVAILABLE : wait;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNAVAILABLE;
        } catch (Exception e) {
            health.failed("rate limit", e);
            return UNAVAILABLE;
        }
    }
}
