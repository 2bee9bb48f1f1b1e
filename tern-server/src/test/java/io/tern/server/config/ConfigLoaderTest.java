package io.tern.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @Test
    void defaults_areTheDocumentedOnes() {
        TernConfig c = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().maxFrameBytes()).isEqualTo(65536);
        assertThat(c.store().dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.store().synchronous()).isEqualTo(TernConfig.Synchronous.FULL);
        assertThat(c.session().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.session().ackDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.session().loginTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.delivery().pageSize()).isEqualTo(100);
        assertThat(c.delivery().catchUpWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(c.session().multiDevice()).isEqualTo(TernConfig.MultiDevicePolicy.ALLOW);
    }

    @Test
    void precedence_isFileThenEnvironmentThenCommandLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tern.properties");
        Files.writeString(file, "server.port=9000\nsession.idleTimeout=45s\nstore.synchronous=normal\n");
        TernConfig fileOnly = ConfigLoader.load(file, Map.of(), Map.of());
        assertThat(fileOnly.server().port()).isEqualTo(9000);
        assertThat(fileOnly.store().synchronous()).isEqualTo(TernConfig.Synchronous.NORMAL);

        TernConfig withEnv = ConfigLoader.load(file, Map.of("TERN_SERVER_PORT", "9100"), Map.of());
        assertThat(withEnv.server().port()).isEqualTo(9100);
        assertThat(withEnv.session().idleTimeout()).isEqualTo(Duration.ofSeconds(45));

        TernConfig withFlag = ConfigLoader.load(file, Map.of("TERN_SERVER_PORT", "9100"), Map.of("server.port", "9200"));
        assertThat(withFlag.server().port()).isEqualTo(9200);
    }

    @Test
    void badValues_areAllReportedAtOnce() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(
                "server.port", "99999", "session.idleTimeout", "soon", "session.multiDevice", "MANY",
                "no.such.key", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.port")
                .hasMessageContaining("session.idleTimeout")
                .hasMessageContaining("session.multiDevice")
                .hasMessageContaining("unknown key 'no.such.key'");
    }

    @Test
    void writerQueueBytes_isValidated_againstItsRange_andTheLargestMessage() {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).delivery().writerQueueBytes()).isEqualTo(64L << 20);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("delivery.writerQueueBytes", "1000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("delivery.writerQueueBytes");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("delivery.writerQueueBytes", "1048576",
                "delivery.maxContentBytes", "300000", "server.maxFrameBytes", "400000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("delivery.writerQueueBytes must be at least four times delivery.maxContentBytes");
    }

    @Test
    void hugeDurations_areRefusedNotCrashing() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("delivery.catchUpWindow", "99999999999999999999s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("delivery.catchUpWindow");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("delivery.catchUpWindow", "200000000d")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("3650d");
    }

    @Test
    void crossKeyRules_areChecked() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("delivery.pageSize", "600")))
                .hasMessageContaining("delivery.pageSize must not exceed delivery.maxPageSize");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("session.retryInitial", "10s")))
                .hasMessageContaining("session.retryInitial must not exceed session.retryMax");
    }

    @Test
    void pushOrderKeys_haveDefaults_andAreCheckedAtStart() {
        TernConfig.Delivery d = ConfigLoader.load(null, Map.of(), Map.of()).delivery();
        assertThat(d.reorderWait()).isEqualTo(java.time.Duration.ofMillis(200));
        assertThat(d.reorderMaxConversations()).isEqualTo(100_000);
        assertThat(d.reorderMaxBuffered()).isEqualTo(10_000);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("delivery.reorderWait", "11s")))
                .hasMessageContaining("delivery.reorderWait must be at most 10s");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("delivery.reorderWait", "0ms")))
                .hasMessageContaining("delivery.reorderWait");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("delivery.reorderMaxBuffered", "0")))
                .hasMessageContaining("delivery.reorderMaxBuffered");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("delivery.reorderMaxConversations", "x")))
                .hasMessageContaining("delivery.reorderMaxConversations");
    }

    @Test
    void everyKey_isDocumentedInConfigurationMd() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (ConfigKeys.Key key : ConfigKeys.ALL) {
            assertThat(doc).as("docs/configuration.md documents %s", key.name()).contains("`" + key.name() + "`");
        }
    }
}
