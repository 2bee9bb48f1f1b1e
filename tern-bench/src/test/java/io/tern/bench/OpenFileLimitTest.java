package io.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.bench.report.BenchReport;
import io.tern.bench.report.ReportFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench in a process whose open-file limit (ulimit -n) is far below the connections asked for: it
 * stops at the limit, says so, prints the several-processes command, and still writes its report.
 */
@EnabledOnOs(OS.LINUX)
class OpenFileLimitTest {
    @TempDir
    Path out;

    @Test
    void stopsAtTheLimitAndSaysSo() throws Exception {
        try (LocalTern server = new LocalTern(Map.of())) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = "ulimit -n 256 && exec '" + java + "' -cp '" + System.getProperty("java.class.path")
                    + "' io.tern.bench.TernBench connect --server " + server.url() + " --out '" + out
                    + "' --connections 400 --devices-per-user 20 --duration 0s --quiet";
            Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(p.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("OPEN-FILE LIMIT HIT").contains("several bench processes")
                    .contains("for i in $(seq 1 ");
            Path json;
            try (Stream<Path> files = Files.list(out)) {
                json = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            }
            BenchReport report = ReportFiles.read(json);
            assertThat(report.ok()).isFalse();
            assertThat(report.connect().openFileLimitHit()).isTrue();
            assertThat(report.connect().opened()).isBetween(50, 399);
            assertThat(report.notes()).anyMatch(n -> n.contains("OPEN-FILE LIMIT HIT"));
            assertThat(List.of(Files.readString(Path.of(json.toString().replace(".json", ".html")))))
                    .allMatch(h -> h.contains("open-file limit hit"));
        }
    }
}
