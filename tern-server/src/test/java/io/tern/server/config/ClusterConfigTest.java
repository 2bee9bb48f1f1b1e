package io.tern.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster and PostgreSQL keys: defaults, validation across keys, and the password kept out of logs. */
class ClusterConfigTest {
    @Test
    void defaults_areASingleNodeOnSqlite() {
        TernConfig c = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(c.cluster().mode()).isEqualTo(TernConfig.ClusterMode.SINGLE);
        assertThat(c.cluster().nodeId()).isZero();
        assertThat(c.cluster().heartbeat()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.cluster().loginStaleAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.cluster().moveRate()).isEqualTo(200);
        assertThat(c.cluster().startWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.store().startWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.cluster().ttl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.cluster().opsToken()).isEmpty();
        assertThat(c.store().kind()).isEqualTo(TernConfig.StoreKind.SQLITE);
        assertThat(c.store().poolSize()).isEqualTo(16);
    }

    @Test
    void aRedisCluster_isConfiguredByKeys() {
        TernConfig c = ConfigLoader.load(null, Map.of("TERN_STORE_PASSWORD", "s3cret"), Map.of(
                "cluster.mode", "redis", "cluster.nodeId", "1023", "cluster.redisUri", "redis://r:6379",
                "cluster.advertisedWsUrl", "wss://node7.example.com/ws", "store.kind", "postgres",
                "store.jdbcUrl", "jdbc:postgresql://db:5432/tern"));
        assertThat(c.cluster().mode()).isEqualTo(TernConfig.ClusterMode.REDIS);
        assertThat(c.cluster().nodeId()).isEqualTo(1023);
        assertThat(c.store().password()).isEqualTo("s3cret");
        assertThat(c.store().toString()).doesNotContain("s3cret");
    }

    @Test
    void sentinelAndRedisClusterUris_areAccepted() {
        for (String uri : new String[] {"redis-sentinel://s1:26379,s2:26379#tern", "redis-cluster://r1:6379,r2:6379",
                "rediss-cluster://:pw@r1:6380"}) {
            TernConfig c = ConfigLoader.load(null, Map.of(), Map.of("cluster.mode", "redis", "cluster.redisUri", uri,
                    "store.kind", "postgres", "store.jdbcUrl", "jdbc:postgresql://db:5432/tern"));
            assertThat(c.cluster().redisUri()).isEqualTo(uri);
        }
    }

    @Test
    void inconsistentClusterSettings_areAllReported() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("cluster.mode", "REDIS",
                "cluster.nodeId", "1024", "cluster.redisUri", "localhost:6379", "cluster.advertisedWsUrl", "http://x",
                "cluster.heartbeat", "5s", "cluster.ttl", "6s", "cluster.moveRate", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.mode=REDIS needs store.kind=POSTGRES")
                .hasMessageContaining("cluster.nodeId must be an integer in 0..1023")
                .hasMessageContaining("cluster.redisUri must be a redis://")
                .hasMessageContaining("cluster.advertisedWsUrl must be a ws://")
                .hasMessageContaining("cluster.ttl must be at least twice cluster.heartbeat")
                .hasMessageContaining("cluster.loginStaleAfter must be longer than cluster.heartbeat")
                .hasMessageContaining("cluster.moveRate");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("store.kind", "POSTGRES",
                "store.jdbcUrl", "jdbc:mysql://db/tern")))
                .hasMessageContaining("store.jdbcUrl must start with jdbc:postgresql:");
    }
}
