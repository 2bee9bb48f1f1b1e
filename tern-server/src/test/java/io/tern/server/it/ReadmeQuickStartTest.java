package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.TestServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@code sh} blocks of README.md's "Build and start" section as one bash script, as written, in an
 * empty directory. Three stand-ins, defined as shell functions before the blocks: {@code mvn} does nothing (the
 * classes are already built: this runs inside the build), {@code java -jar tern-server/target/tern-server.jar}
 * starts {@code io.tern.server.Main} from this test's class path in the background on a free port and waits
 * for {@code /readyz} (the README's reader starts it in a terminal of its own), and {@code curl} fails on any
 * HTTP error. The README's port 8080 becomes that free port. Needs curl and jq.
 */
class ReadmeQuickStartTest {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final String PRELUDE = """
            set -euo pipefail
            mvn() { echo "(mvn $*: skipped, the test runs on the classes just compiled)"; }
            curl() { command curl --fail-with-body --max-time 30 "$@"; }
            java() {
              if [ "${1:-}" = "-jar" ] && [ "${2:-}" = "tern-server/target/tern-server.jar" ]; then
                shift 2
                command java -Xmx256m -cp "$TERN_CP" io.tern.server.Main --port "$TERN_PORT" "$@" > server.log 2>&1 &
                echo $! > server.pid
                for _ in $(seq 1 240); do
                  if command curl -sf "http://localhost:$TERN_PORT/readyz" > /dev/null; then return 0; fi
                  sleep 0.5
                done
                echo "the server did not start:"; cat server.log; return 1
              fi
              command java "$@"
            }
            """;

    @Test
    void quickStartOfTheReadmeBuildsStartsAndChatsAsWritten() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) && Files.isExecutable(Path.of("/usr/bin/jq")),
                "curl and jq are needed");
        String readme = Files.readString(Path.of("..", "README.md"));
        int from = readme.indexOf("## Build and start");
        int to = readme.indexOf("For a team server", from);
        assertThat(from).isNotNegative();
        assertThat(to).isGreaterThan(from);
        int port = freePort();
        StringBuilder script = new StringBuilder(PRELUDE);
        Matcher m = SH_BLOCK.matcher(readme.substring(from, to));
        int blocks = 0;
        while (m.find()) {
            script.append(m.group(1).replace("localhost:8080", "localhost:" + port)).append('\n');
            blocks++;
        }
        assertThat(blocks).isEqualTo(2);
        script.append("echo README-RAN-TO-THE-END\n");
        Path dir = Files.createTempDirectory("tern-readme-");
        try {
            ProcessBuilder bash = new ProcessBuilder("bash", "-c", script.toString()).directory(dir.toFile())
                    .redirectErrorStream(true);
            bash.environment().put("TERN_CP", System.getProperty("java.class.path"));
            bash.environment().put("TERN_PORT", String.valueOf(port));
            Process p = bash.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("\"username\":\"ann\"", "\"seq\":1", "Hello Ben\nREADME-RAN-TO-THE-END");
            assertThat(dir.resolve("data").resolve("tern.db")).as("the database under ./data").exists();
        } finally {
            Path pid = dir.resolve("server.pid");
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(h -> {
                    h.destroy();
                    h.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
            }
            TestServer.deleteRecursively(dir);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
