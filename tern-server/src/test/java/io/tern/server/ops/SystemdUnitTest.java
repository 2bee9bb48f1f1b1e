package io.tern.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/ops/tern.service is a unit systemd accepts, and its sandboxing keeps systemd's exposure score at
 * 4.0 or below ("OK"); skipped where systemd-analyze is not installed.
 */
class SystemdUnitTest {
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @TempDir
    Path dir;

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void unitVerifies_andItsExposureIsAtMostFour() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is not installed");
        Path unit = Files.copy(Path.of("..", "docs", "ops", "tern.service"), dir.resolve("tern.service"));
        run(List.of(ANALYZE.toString(), "verify", unit.toString()));
        run(List.of(ANALYZE.toString(), "security", "--offline=true", "--threshold=40", unit.toString()));
    }
}
