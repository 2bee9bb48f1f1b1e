package io.tern.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisSentinel;
import redis.embedded.RedisServer;

/**
 * A replica of an existing Redis primary and a Sentinel watching them, as real processes: with them, stopping the
 * primary is a primary failover (the Sentinel sees it down after one second and promotes the replica), and nodes
 * reach whichever is the primary through {@link #uri()}.
 */
final class SentinelPair implements AutoCloseable {
    private final RedisServer replica;
    private final int replicaPort;
    private final RedisSentinel sentinel;
    private final int sentinelPort;

    SentinelPair(int primaryPort) {
        try {
            replicaPort = freePort();
            replica = RedisServer.newRedisServer().port(replicaPort).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").setting("replicaof 127.0.0.1 " + primaryPort).build();
            replica.start();
            sentinelPort = freePort();
            sentinel = RedisSentinel.newRedisSentinel().port(sentinelPort).bind("127.0.0.1").masterName("tern")
                    .masterPort(primaryPort).quorumSize(1).downAfterMilliseconds(1000).failOverTimeout(5000).build();
            sentinel.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What nodes set as {@code cluster.redisUri}. */
    String uri() {
        return "redis-sentinel://127.0.0.1:" + sentinelPort + "#tern";
    }

    /** Waits until the Sentinel names the replica as the primary: the failover is done. */
    void awaitReplicaPromoted(java.time.Duration atMost) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create("redis://127.0.0.1:" + sentinelPort);
        try (var connection = client.connectSentinel()) {
            org.awaitility.Awaitility.await().atMost(atMost).pollInterval(java.time.Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> ((java.net.InetSocketAddress) connection.sync().getMasterAddrByName("tern")).getPort()
                            == replicaPort);
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        try {
            sentinel.stop();
        } catch (IOException | RuntimeException ignored) {
            // stopping the replica anyway
        }
        try {
            replica.stop();
        } catch (IOException | RuntimeException ignored) {
            // already gone
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
