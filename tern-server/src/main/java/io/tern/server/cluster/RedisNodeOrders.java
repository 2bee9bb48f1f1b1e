package io.tern.server.cluster;

import io.tern.server.core.cluster.ClientMover;
import io.tern.server.core.cluster.NodeOrders;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders to nodes as a Redis list per node ({@code tern:orders:<id>}): any node appends, the target takes them
 * all at its heartbeat. A list rather than pub/sub, so an order survives the target being busy for a moment; it
 * expires after {@link #KEEP_SECONDS}, so an order to a node that is gone does not greet a later node with its
 * id. Orders are short texts: {@code drain <rate>} (or {@code drain <rate> exit}), {@code resume}, {@code move <clients> <rate>}.
 */
final class RedisNodeOrders implements NodeOrders {
    private static final Logger log = LoggerFactory.getLogger(RedisNodeOrders.class);
    static final int KEEP_SECONDS = 60;

    private final RedisLink redis;
    private final int self;
    /** Runs this node's orders at once (on the cluster thread) when it is their target. */
    private final Runnable takeNow;

    RedisNodeOrders(RedisLink redis, int self, Runnable takeNow) {
        this.redis = redis;
        this.self = self;
        this.takeNow = takeNow;
    }

    static String key(int nodeId) {
        return "tern:orders:" + nodeId;
    }

    @Override
    public void drain(int nodeId, int rate, boolean exit) {
        send(nodeId, exit ? "drain " + rate + " exit" : "drain " + rate);
    }

    @Override
    public void resume(int nodeId) {
        send(nodeId, "resume");
    }

    @Override
    public void move(int nodeId, long clients, int rate) {
        send(nodeId, "move " + clients + " " + rate);
    }

    private void send(int nodeId, String order) {
        try {
            redis.async().rpush(key(nodeId), order).toCompletableFuture()
                    .thenCompose(n -> redis.async().expire(key(nodeId), KEEP_SECONDS).toCompletableFuture())
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ClusterUnavailableException("the order could not be written to Redis: " + e, e);
        }
        if (nodeId == self) {
            takeNow.run();
        }
    }

    /**
     * Drops orders waiting for this node id from before this run started: they were meant for an earlier run (a
     * drain ordered just before it was killed must not drain its replacement). Blocking; called once at start.
     */
    void forgetEarlier() throws Exception {
        Long dropped = redis.async().del(key(self)).get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (dropped != null && dropped > 0) {
            log.info("orders to node {} from before this start ignored", self);
        }
    }

    /** Takes this node's waiting orders and applies them to {@code mover}; blocking, on the cluster thread. */
    void takeInto(ClientMover mover) throws Exception {
        // Only this node takes from its list and others only append, so trimming exactly what was read loses
        // nothing appended meanwhile: one plain read per heartbeat, and a trim only when there were orders.
        List<String> orders = redis.async().lrange(key(self), 0, -1)
                .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (orders.isEmpty()) {
            return;
        }
        redis.async().ltrim(key(self), orders.size(), -1).get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        for (String o : orders) {
            apply(o, mover);
        }
    }

    private static void apply(String order, ClientMover mover) {
        String[] p = order.split(" ");
        try {
            switch (p[0]) {
                case "drain" -> mover.drain(Integer.parseInt(p[1]), p.length > 2 && "exit".equals(p[2]));
                case "resume" -> mover.resume();
                case "move" -> mover.move(Long.parseLong(p[1]), Integer.parseInt(p[2]));
                default -> log.warn("unknown node order ignored: {}", order);
            }
        } catch (RuntimeException e) {
            log.warn("malformed node order ignored: {} ({})", order, e.toString());
        }
    }
}
