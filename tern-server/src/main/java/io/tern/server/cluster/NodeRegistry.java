package io.tern.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.tern.protocol.FrameCodec;
import io.tern.server.core.cluster.HeartbeatWatch;
import io.tern.server.core.cluster.NodeDirectory;
import io.tern.server.core.cluster.NodeInfo;
import io.tern.server.core.cluster.PendingLogins;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node registry: {@code tern:node:<id>} holds this node's WebSocket URL and connection count, rewritten
 * every heartbeat with the TTL, so a node that stops beating drops out by itself; {@code tern:nodes} lists
 * the ids that ever registered. New connections go to the least-loaded live node, counting the logins this node
 * sent there that have not connected yet ({@link PendingLogins}), so a burst of logins does not all land on the
 * node that was emptiest when it began. A node whose entry stopped changing
 * ({@link HeartbeatWatch}) gets no logins although it is listed until its entry expires.
 */
final class NodeRegistry implements NodeDirectory {
    private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);
    private static final ObjectMapper JSON = FrameCodec.mapper();

    private final RedisLink redis;
    private final int nodeId;
    private final Supplier<String> wsUrl;
    private final long ttlMillis;
    private final Clock clock;
    /** Tells this run of the node from an earlier one (or a misconfigured twin) with the same id. */
    private final String instance = UUID.randomUUID().toString();
    private final PendingLogins pending;

    private final HeartbeatWatch beats;

    NodeRegistry(RedisLink redis, int nodeId, Supplier<String> wsUrl, Duration ttl, Clock clock, HeartbeatWatch beats,
                 PendingLogins pending) {
        this.beats = beats;
        this.pending = pending;
        this.redis = redis;
        this.nodeId = nodeId;
        this.wsUrl = wsUrl;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    /** Writes this node's entry with a fresh TTL; warns when another instance wrote it since our last beat. */
    CompletableFuture<Void> beat(LocalFigures figures) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("nodeId", nodeId);
        entry.put("wsUrl", wsUrl.get());
        entry.put("connections", figures.connections());
        entry.put("seenAt", clock.millis());
        entry.put("instance", instance);
        entry.put("sessions", figures.sessions());
        entry.put("messagesPerSecond", figures.messagesPerSecond());
        entry.put("draining", figures.draining());
        String value;
        try {
            value = JSON.writeValueAsString(entry);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        RedisClusterAsyncCommands<String, String> r = redis.async();
        CompletableFuture<String> previous = r.setGet(Keys.node(nodeId), value, SetArgs.Builder.px(ttlMillis))
                .toCompletableFuture();
        CompletableFuture<Long> listed = r.sadd(Keys.NODES, Integer.toString(nodeId)).toCompletableFuture();
        return previous.thenCombine(listed, (old, ignored) -> {
            String other = old == null ? null : instanceOf(old);
            if (other != null && !other.equals(instance)) {
                log.warn("node id {} was registered by another instance ({}): an earlier run of this node, or two "
                        + "nodes share cluster.nodeId", nodeId, other);
            }
            return null;
        });
    }

    /** Removes this node's entry, so logins stop routing here (the start of a clean stop). */
    void deregister() {
        try {
            redis.async().del(Keys.node(nodeId)).toCompletableFuture()
                    .get(RedisLink.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("could not deregister node {} (it expires after the TTL): {}", nodeId, e.toString());
        }
    }

    @Override
    public List<NodeInfo> liveNodes() {
        try {
            RedisClusterAsyncCommands<String, String> r = redis.async();
            List<String> ids = new ArrayList<>(r.smembers(Keys.NODES).get(RedisLink.COMMAND_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS));
            if (ids.isEmpty()) {
                return List.of();
            }
            String[] keys = ids.stream().map(id -> Keys.node(Integer.parseInt(id))).toArray(String[]::new);
            List<NodeInfo> live = new ArrayList<>();
            for (KeyValue<String, String> kv : r.mget(keys).get(RedisLink.COMMAND_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS)) {
                if (kv.hasValue()) {
                    live.add(parse(kv.getValue()));
                }
            }
            live.sort(Comparator.comparingInt(NodeInfo::nodeId));
            beats.observe(live);
            pending.observe(live);
            return live.stream().map(n -> n.withHeartbeatAge(beats.ageMillis(n))).toList();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ClusterUnavailableException("the node registry in Redis cannot be read: " + e, e);
        }
    }

    @Override
    public Optional<String> routeNewConnection(Collection<String> unreachable) {
        List<NodeInfo> live;
        try {
            live = liveNodes();
        } catch (ClusterUnavailableException e) {
            return Optional.of(wsUrl.get()); // Redis away: this node takes the client itself
        }
        for (NodeInfo n : live) {
            if (unreachable.contains(n.wsUrl())) {
                beats.suspect(n); // a killed node's clients say so within moments; see HeartbeatWatch
            }
        }
        long best = Long.MAX_VALUE;
        List<NodeInfo> ties = new ArrayList<>();
        for (NodeInfo n : live) {
            if (!beats.fresh(n) || n.draining() || unreachable.contains(n.wsUrl())) {
                continue; // killed or cut off, most likely (its entry only waits for the TTL), or leaving
            }
            long load = pending.load(n);
            if (load < best) {
                best = load;
                ties.clear();
            }
            if (load == best) {
                ties.add(n);
            }
        }
        if (ties.isEmpty()) {
            return Optional.empty();
        }
        NodeInfo chosen = ties.get(ThreadLocalRandom.current().nextInt(ties.size()));
        pending.sent(chosen);
        return Optional.of(chosen.wsUrl());
    }

    private static NodeInfo parse(String json) throws java.io.IOException {
        JsonNode n = JSON.readTree(json);
        long connections = n.path("connections").asLong();
        return new NodeInfo(n.path("nodeId").asInt(), n.path("wsUrl").asText(), connections,
                n.path("seenAt").asLong(), n.path("sessions").asLong(connections),
                n.path("messagesPerSecond").asDouble(), n.path("draining").asBoolean(), -1);
    }

    private static String instanceOf(String json) {
        try {
            return JSON.readTree(json).path("instance").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
