package io.tern.server.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.core.session.KickOrder;
import io.tern.server.core.session.Presence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The routes of the devices online on this node, in Redis: a hash per user, {@code tern:route:<userId>},
 * field deviceId, value {@code <nodeId>/<sessionId>} (a bare node id, as older nodes wrote it, reads the same).
 * The session id is there for removal: a session that closes removes only its own route, never that of the
 * same device's next session on this node, however the two threads' Redis commands interleave. Written when a session opens, rewritten every heartbeat (so a Redis
 * that lost its data gets them back), removed when the session closes. The hash expires after the TTL unless
 * some node refreshes it, so the routes of a node that died go away with it. A dead node's field in the hash
 * of a user who is still online on another node stays until that device connects again (same field) or the
 * user's last device leaves: publishes to it reach nobody, which wastes a little and loses nothing.
 */
final class RouteTable implements Presence {
    /** Deletes a device's route only if it is still this session's: the device may have connected again. */
    private static final String DELETE_IF_MINE =
            "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end "
                    + "return 0";
    /** Every route hash of the keys, in order: the routes of all recipients in one round trip. */
    private static final String HGETALL_EACH =
            "local out = {} for i, key in ipairs(KEYS) do out[i] = redis.call('HGETALL', key) end return out";
    /** 1 for every key that exists, 0 for the others, in order: presence of many users in one round trip. */
    private static final String EXISTS_EACH =
            "local out = {} for i, key in ipairs(KEYS) do out[i] = redis.call('EXISTS', key) end return out";
    /**
     * Writes a device's route only if the user's other devices allow it (ARGV: device, route, TTL, 1 to refuse
     * any other device, most other devices or 0): 0 written, 1 another device is online, 2 too many are.
     */
    private static final String CLAIM = String.join("\n",
            "local others = 0",
            "for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do if f ~= ARGV[1] then others = others + 1 end end",
            "if ARGV[4] == '1' and others > 0 then return 1 end",
            "local max = tonumber(ARGV[5])",
            "if max > 0 and others >= max then return 2 end",
            "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])",
            "redis.call('PEXPIRE', KEYS[1], ARGV[3])",
            "return 0");
    private record Device(long userId, String deviceId) {
    }

    private final RedisLink redis;
    private final ClusterHealth health;
    private final String node;
    private final long ttlMillis;
    /** Device to the id of its session here: a late close of a replaced session must not drop the new route. */
    private final Map<Device, Long> local = new ConcurrentHashMap<>();

    private final RouteCache cache;
    /** Sessions whose claim Redis has not answered yet; one that closes meanwhile is removed from here. */
    private final Map<Long, Boolean> claiming = new ConcurrentHashMap<>();

    RouteTable(RedisLink redis, ClusterHealth health, int nodeId, Duration ttl, RouteCache cache) {
        this.cache = cache;
        this.redis = redis;
        this.health = health;
        this.node = Integer.toString(nodeId);
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public CompletableFuture<Void> online(DeviceSession session) {
        local.put(new Device(session.userId(), session.deviceId()), session.id());
        String key = Keys.route(session.userId());
        CompletableFuture<?> set;
        CompletableFuture<?> expire;
        try {
            RedisClusterAsyncCommands<String, String> r = redis.async();
            set = r.hset(key, session.deviceId(), value(session.id())).toCompletableFuture();
            expire = r.pexpire(key, ttlMillis).toCompletableFuture()
                    .thenCompose(ok -> announce(session.userId())); // after the write: others re-read the new route
        } catch (RuntimeException e) { // the future must complete: the session's first SYNC waits for it
            health.failed("route of user " + session.userId(), e);
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(set, expire)
                .orTimeout(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, err) -> {
                    if (err != null) {
                        health.failed("route of user " + session.userId(), err);
                    }
                    return null;
                });
    }

    @Override
    public CompletableFuture<TernException> claim(DeviceSession session, boolean refuseOthers, int maxDevices) {
        Device device = new Device(session.userId(), session.deviceId());
        if (!health.healthy()) { // the node's own decision stands; the heartbeat writes the route once Redis is back
            local.put(device, session.id());
            return CompletableFuture.completedFuture(null);
        }
        claiming.put(session.id(), Boolean.TRUE);
        CompletableFuture<Long> answer;
        try {
            answer = redis.async().<Long>eval(CLAIM, ScriptOutputType.INTEGER, new String[] {Keys.route(session.userId())},
                    session.deviceId(), value(session.id()), Long.toString(ttlMillis), refuseOthers ? "1" : "0",
                    Integer.toString(maxDevices)).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.orTimeout(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((code, err) -> {
            boolean open = claiming.remove(session.id()) != null;
            if (err != null) {
                health.failed("route claim of user " + session.userId(), err);
                if (open) {
                    local.put(device, session.id());
                }
                return null;
            }
            if (code == 1) {
                return new TernException(ErrorCode.ALREADY_ONLINE, "user is already online on another device");
            }
            if (code == 2) {
                return TernException.rateLimited("too many sessions of this user", 1000);
            }
            if (open) {
                local.put(device, session.id());
                announce(session.userId()).exceptionally(e -> null);
            } else { // closed while Redis answered: its route must not outlive it
                removeRoute(session.userId(), session.deviceId(), session.id());
            }
            return null;
        });
    }

    @Override
    public void offline(DeviceSession session) {
        if (claiming.remove(session.id()) != null) {
            return; // the claim's answer sees it closed and removes the route it wrote
        }
        if (forget(session)) {
            removeRoute(session.userId(), session.deviceId(), session.id());
        }
    }

    /** Step one of {@link #offline}: false if the device has a newer session here (its route stays). */
    boolean forget(DeviceSession session) {
        return local.remove(new Device(session.userId(), session.deviceId()), session.id());
    }

    /**
     * Step two of {@link #offline}, which may reach Redis after the same device's next session wrote its route:
     * removes the route only if it still is this session's.
     */
    void removeRoute(long userId, String deviceId, long sessionId) {
        try {
            delete(userId, deviceId, sessionId).exceptionally(err -> {
                health.failed("route removal", err);
                return null;
            });
        } catch (RuntimeException e) {
            health.failed("route removal", e); // the route expires with the TTL, or is rewritten on reconnect
        }
    }

    @Override
    public void kickElsewhere(KickOrder order) {
        try {
            redis.async().publish(Keys.BROADCAST, ClusterMessage.kick(order, Integer.parseInt(node)).encode())
                    .exceptionally(err -> {
                        health.failed("kick of user " + order.userId(), err);
                        return null;
                    });
        } catch (RuntimeException e) { // the sessions elsewhere hold a revoked token: they cannot come back
            health.failed("kick of user " + order.userId(), e);
        }
    }

    @Override
    public java.util.Set<Long> onlineElsewhere(java.util.Collection<Long> users) {
        List<Long> ids = new ArrayList<>(users);
        String[] keys = ids.stream().map(Keys::route).toArray(String[]::new);
        try {
            List<Object> exists = redis.evalEach(EXISTS_EACH, keys)
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            java.util.Set<Long> out = new java.util.HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                if (Long.valueOf(1).equals(exists.get(i))) {
                    out.add(ids.get(i));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Set.of();
        } catch (Exception e) { // Redis away: the caller answers with this node's own sessions
            health.failed("presence", e);
            return java.util.Set.of();
        }
    }

    /** Devices online here now. */
    int size() {
        return local.size();
    }

    /** The users with a device on this node. */
    long[] localUsers() {
        return local.keySet().stream().mapToLong(Device::userId).distinct().toArray();
    }

    /**
     * Rewrites every local route with a fresh TTL; completes when Redis has them all. A route that was not there
     * any more (Redis lost it, or it expired while Redis or this heartbeat was away) is announced like a new one:
     * another node may have cached its absence and would route this user's pushes past this node, and its
     * cached entry, once dropped, says whether a push went that way (then the user's devices SYNC). After an
     * outage the node announces all its users at once instead ({@code announceLost} false).
     */
    CompletableFuture<Void> refreshAll(boolean announceLost) {
        Map<Long, Map<String, String>> byUser = new HashMap<>();
        local.forEach((d, session) -> byUser.computeIfAbsent(d.userId(), u -> new HashMap<>())
                .put(d.deviceId(), value(session)));
        RedisClusterAsyncCommands<String, String> r = redis.async();
        List<CompletableFuture<?>> all = new ArrayList<>(byUser.size() * 2);
        byUser.forEach((user, devices) -> {
            all.add(r.hset(Keys.route(user), devices).toCompletableFuture()
                    .thenCompose(added -> announceLost && added != null && added > 0 ? announce(user)
                            : CompletableFuture.completedFuture(null)));
            all.add(r.pexpire(Keys.route(user), ttlMillis).toCompletableFuture());
        });
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** Removes every local route (clean stop). */
    CompletableFuture<Void> removeAll() {
        List<CompletableFuture<?>> all = new ArrayList<>();
        local.forEach((d, session) -> all.add(delete(d.userId(), d.deviceId(), session)));
        local.clear();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /**
     * The nodes other than this one that have devices of the users, each with its users: cached routes, and
     * the rest read from Redis in one round trip (one script, whatever the number of users).
     */
    CompletableFuture<Map<String, List<Long>>> remoteNodesOf(long[] users) {
        List<Map<String, String>> found = new ArrayList<>(users.length);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            Map<String, String> cached = cache.get(users[i]);
            found.add(cached);
            if (cached == null) {
                missing.add(i);
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(byNode(users, found));
        }
        long generation = cache.generation();
        String[] keys = missing.stream().map(i -> Keys.route(users[i])).toArray(String[]::new);
        return redis.evalEach(HGETALL_EACH, keys)
                .thenApply(replies -> {
                    for (int k = 0; k < keys.length; k++) {
                        int i = missing.get(k);
                        Map<String, String> devices = pairs((List<?>) replies.get(k));
                        cache.put(users[i], devices, generation);
                        found.set(i, devices);
                    }
                    return byNode(users, found);
                });
    }

    /** Drops a user's cached routes because they changed; true if a message was routed from them. */
    boolean routesChanged(long user) {
        return cache.invalidate(user);
    }

    /** Forgets every cached route (Redis was away: changes may have been missed). */
    void forgetCachedRoutes() {
        cache.clear();
    }

    private Map<String, List<Long>> byNode(long[] users, List<Map<String, String>> routes) {
        Map<String, List<Long>> byNode = new HashMap<>();
        for (int i = 0; i < users.length; i++) {
            for (String target : routes.get(i).values()) {
                if (!target.equals(node)) {
                    List<Long> list = byNode.computeIfAbsent(target, n -> new ArrayList<>());
                    if (list.isEmpty() || list.get(list.size() - 1) != users[i]) {
                        list.add(users[i]);
                    }
                }
            }
        }
        return byNode;
    }

    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> out = new HashMap<>();
        for (int j = 0; j + 1 < flat.size(); j += 2) {
            out.put(String.valueOf(flat.get(j)), nodeOf(String.valueOf(flat.get(j + 1))));
        }
        return out;
    }

    /** The node id of a route's value. */
    static String nodeOf(String value) {
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    private String value(long sessionId) {
        return node + "/" + sessionId;
    }

    private CompletableFuture<Void> delete(long userId, String deviceId, long sessionId) {
        return redis.async().<Long>eval(DELETE_IF_MINE, ScriptOutputType.INTEGER, new String[] {Keys.route(userId)},
                deviceId, value(sessionId)).toCompletableFuture()
                .thenCompose(n -> n != null && n > 0 ? announce(userId) : CompletableFuture.completedFuture(null));
    }

    /** Tells every node (this one too) that the user's routes changed, so cached ones are dropped. */
    private CompletableFuture<Void> announce(long userId) {
        return redis.async().publish(Keys.BROADCAST, ClusterMessage.routeChanged(userId).encode())
                .toCompletableFuture().thenApply(receivers -> null);
    }
}
