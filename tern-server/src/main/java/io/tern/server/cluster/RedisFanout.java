package io.tern.server.cluster;

import io.tern.server.core.message.Message;
import io.tern.server.core.message.RemoteFanout;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Cross-node delivery: looks up which other nodes hold devices of the recipients and publishes the frame once
 * per such node, with that node's recipients. Never blocks the caller (the delivery thread): lookups and
 * publishes are asynchronous, and {@link PublishOrder} keeps the publishes in the order of the calls. A push that fails is never published again (it might have arrived after all, and
 * a device must not get it twice): its recipients are remembered in {@link ClusterHealth} and told to SYNC at
 * the next heartbeat ({@link #resync}), which fetches it from the store.
 */
final class RedisFanout implements RemoteFanout {
    private static final int ROUTES_PER_MESSAGE = 1_000;
    private final RedisLink redis;
    private final RouteTable routes;
    private final ClusterHealth health;
    private final PublishOrder order = new PublishOrder();

    RedisFanout(RedisLink redis, RouteTable routes, ClusterHealth health) {
        this.redis = redis;
        this.routes = routes;
        this.health = health;
    }

    @Override
    public void push(Message message, byte[] frame, long[] users) {
        publishPerNode(users, nodeUsers -> ClusterMessage.push(nodeUsers, frame));
    }

    @Override
    public void notify(byte[] frame, long[] users) {
        publishPerNode(users, nodeUsers -> ClusterMessage.notice(nodeUsers, frame));
    }

    @Override
    public void groupChanged(long groupId) {
        publish(Keys.BROADCAST, ClusterMessage.groupChanged(groupId));
    }

    /** Tells every node that pushes may have been lost, so their clients SYNC. */
    void syncAll() {
        publish(Keys.BROADCAST, ClusterMessage.syncAll());
    }

    /**
     * Tells every node that these users' routes changed (they drop their cached ones), in messages of at most
     * {@code ROUTES_PER_MESSAGE} users.
     */
    void routesChanged(long[] users) {
        for (int from = 0; from < users.length; from += ROUTES_PER_MESSAGE) {
            publish(Keys.BROADCAST, ClusterMessage.routesChanged(
                    java.util.Arrays.copyOfRange(users, from, Math.min(users.length, from + ROUTES_PER_MESSAGE))));
        }
    }

    /** Tells every node to have these users' devices SYNC. */
    void syncUsers(long... users) {
        publish(Keys.BROADCAST, ClusterMessage.syncUsers(users));
    }

    /**
     * Tells the other nodes who missed a push of this node's since the last call: every client if too many did,
     * else those users' devices. A hint that fails is remembered again for the next call.
     */
    void resync() {
        if (health.takeMissedPublish()) {
            health.takeMissedUsers(); // everybody SYNCs anyway
            syncAll();
            return;
        }
        long[] users = health.takeMissedUsers();
        if (users.length == 0) {
            return;
        }
        try {
            redis.async().publish(Keys.BROADCAST, ClusterMessage.syncUsers(users).encode()).whenComplete((n, err) -> {
                if (err != null) {
                    health.pushFailed(users, err);
                }
            });
        } catch (RuntimeException e) {
            health.pushFailed(users, e);
        }
    }

    private void publishPerNode(long[] users, Function<List<Long>, ClusterMessage> message) {
        if (users.length == 0) {
            return;
        }
        CompletableFuture<Map<String, List<Long>>> targets;
        try {
            targets = routes.remoteNodesOf(users);
        } catch (RuntimeException e) { // rejected at once while disconnected
            health.pushFailed(users, e);
            return;
        }
        order.then(targets, (byNode, err) -> {
            if (err != null) {
                health.pushFailed(users, err);
                return;
            }
            byNode.forEach((node, nodeUsers) ->
                    publishToNode(Keys.channel(node), message.apply(nodeUsers), toArray(nodeUsers)));
        });
    }

    private void publishToNode(String channel, ClusterMessage message, long[] users) {
        try {
            redis.publishToNode(channel, message.encode()).whenComplete((receivers, err) -> {
                if (err != null) {
                    health.pushFailed(users, err);
                }
            });
        } catch (RuntimeException e) {
            health.pushFailed(users, e);
        }
    }

    private static long[] toArray(List<Long> users) {
        return users.stream().mapToLong(Long::longValue).toArray();
    }

    private void publish(String channel, ClusterMessage message) {
        try {
            redis.async().publish(channel, message.encode()).whenComplete((receivers, err) -> {
                if (err != null) {
                    health.publishFailed(err);
                }
            });
        } catch (RuntimeException e) {
            health.publishFailed(e);
        }
    }
}
