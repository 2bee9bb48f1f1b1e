package io.tern.server.cluster;

import io.lettuce.core.ScriptOutputType;
import io.tern.server.core.limit.SharedBackoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Failed-login counters in Redis, a hash per key ({@code tern:fail:<name>:<key>}: failures, locked until, last
 * failure), counted and read with a Lua script on Redis's clock, so every node sees the same wait. The hash
 * expires when it would be forgotten anyway. While Redis is unhealthy the node counts on its own.
 */
final class RedisBackoff implements SharedBackoff {
    /** ARGV: free failures, longest delay ms, forget after ms; answers the delay now set. */
    private static final String FAIL = String.join("\n",
            LuaClock.NOW_MS,
            "local forget = tonumber(ARGV[3])",
            "local b = redis.call('HMGET', KEYS[1], 'failures', 'last')",
            "local failures = tonumber(b[1]) or 0",
            "if ms - (tonumber(b[2]) or ms) > forget then failures = 0 end",
            "failures = failures + 1",
            "local over = failures - tonumber(ARGV[1])",
            "local delay = 0",
            "if over > 0 then delay = math.min(tonumber(ARGV[2]), 1000 * 2 ^ math.min(over - 1, 30)) end",
            "redis.call('HSET', KEYS[1], 'failures', failures, 'until', ms + delay, 'last', ms)",
            "redis.call('PEXPIRE', KEYS[1], forget)",
            "return delay");
    private static final String WAIT = String.join("\n",
            LuaClock.NOW_MS,
            "local locked = tonumber(redis.call('HGET', KEYS[1], 'until')) or 0",
            "return math.max(0, locked - ms)");

    private final RedisLink redis;
    private final ClusterHealth health;

    RedisBackoff(RedisLink redis, ClusterHealth health) {
        this.redis = redis;
        this.health = health;
    }

    static String key(String name, String key) {
        return "tern:fail:" + name + ":" + key;
    }

    @Override
    public long[] waitMillis(List<Counter> counters) {
        return evalAll(WAIT, counters, c -> new String[0]);
    }

    @Override
    public long[] failed(List<Counter> counters, Duration maxDelay) {
        long maxMillis = maxDelay.toMillis();
        String max = Long.toString(maxMillis);
        String forget = Long.toString(2 * Math.max(maxMillis, 1000));
        return evalAll(FAIL, counters, c -> new String[] {Integer.toString(c.freeFailures()), max, forget});
    }

    @Override
    public void succeeded(Counter counter) {
        if (!health.healthy()) {
            return;
        }
        try {
            redis.async().del(key(counter)).toCompletableFuture().exceptionally(err -> {
                health.failed("login back-off", err);
                return null;
            });
        } catch (RuntimeException e) {
            health.failed("login back-off", e); // the counter expires anyway
        }
    }

    /**
     * One script per counter, all sent before any answer is awaited: one round trip for the lot. Not one script
     * over all the keys, which Redis Cluster refuses when they hash to different slots.
     */
    private long[] evalAll(String script, List<Counter> counters, Function<Counter, String[]> args) {
        if (!health.healthy()) {
            return null;
        }
        try {
            List<CompletableFuture<Long>> answers = new ArrayList<>(counters.size());
            for (Counter c : counters) {
                answers.add(redis.async().<Long>eval(script, ScriptOutputType.INTEGER, new String[] {key(c)},
                        args.apply(c)).toCompletableFuture());
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long[] waits = new long[answers.size()];
            for (int i = 0; i < waits.length; i++) {
                Long answer = answers.get(i).join();
                if (answer == null) {
                    return null;
                }
                waits[i] = answer;
            }
            return waits;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            health.failed("login back-off", e);
            return null;
        }
    }

    private static String key(Counter counter) {
        return key(counter.name(), counter.key());
    }
}
