package io.tern.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import io.tern.server.startup.StartupException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With logback-json.xml every log line is one JSON object with a timestamp, a level and the message. */
class JsonLogsTest {
    @TempDir
    Path tmp;

    @Test
    void jsonLogConfiguration_writesOneJsonObjectPerLine() throws Exception {
        // a start that fails after the configuration was logged: a few log lines, then exit 2
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback-json.xml", "-cp", System.getProperty("java.class.path"),
                "io.tern.server.Main", "--port", "0", "--data-dir", tmp.resolve("data").toString(),
                "--set", "server.host=no-such-host.invalid").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(out).isNotEmpty();
        for (String line : lines) {
            JsonNode json = FrameCodec.mapper().readTree(line);
            assertThat(json.get("timestamp").asLong()).as(line).isPositive();
            assertThat(json.get("level").asText()).as(line).isNotEmpty();
        }
        assertThat(out).contains("effective configuration");
        assertThat(p.exitValue()).isEqualTo(StartupException.CONFIG);
    }
}
