package io.tern.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a {@code redis-cluster://} URI becomes Lettuce's seed list, and how the server's version is read. */
class RedisClusterUriTest {
    @Test
    void everyListedServerIsASeed_withThePasswordTlsAndTimeout() {
        List<RedisURI> seeds = RedisClusterConnections.seeds("rediss-cluster://:s3cret@r1:6380,r2:6381", Duration.ofSeconds(2));
        assertThat(seeds).extracting(RedisURI::getHost).containsExactly("r1", "r2");
        assertThat(seeds).extracting(RedisURI::getPort).containsExactly(6380, 6381);
        assertThat(seeds).allSatisfy(u -> {
            assertThat(u.isSsl()).isTrue();
            assertThat(new String(u.getCredentialsProvider().resolveCredentials().block().getPassword())).isEqualTo("s3cret");
            assertThat(u.getTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
        assertThat(RedisClusterConnections.seeds("redis-cluster://r1:7000", Duration.ofSeconds(1)).get(0).isSsl()).isFalse();
        assertThat(RedisLink.isCluster("redis-cluster://r1:7000")).isTrue();
        assertThat(RedisLink.isCluster("redis-sentinel://s:26379#m")).isFalse();
    }

    @Test
    void shardedPubSub_isUsedFromRedis7On() {
        assertThat(RedisLink.majorVersion("# Server\r\nredis_version:7.0.15\r\nredis_mode:cluster\r\n")).isEqualTo(7);
        assertThat(RedisLink.majorVersion("# Server\r\nredis_version:6.2.6\r\n")).isEqualTo(6);
        assertThat(RedisLink.majorVersion("no version here")).isZero();
    }
}
