package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@code sh} block of docs/http-api.md, in order, as one bash script against a fresh server, with
 * curl failing on any HTTP error: the page cannot drift from the API. Needs curl and jq.
 */
class HttpApiDocTest {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyShellBlockOfHttpApiMd_runsTopToBottomWithoutAnHttpError() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) && Files.isExecutable(Path.of("/usr/bin/jq")),
                "curl and jq are needed");
        String doc = Files.readString(Path.of("..", "docs", "http-api.md"));
        StringBuilder script = new StringBuilder("set -euo pipefail\n"
                + "curl() { command curl --fail-with-body --max-time 40 \"$@\"; echo; }\n");
        Matcher m = SH_BLOCK.matcher(doc);
        int blocks = 0;
        while (m.find()) {
            script.append(m.group(1)).append('\n');
            blocks++;
        }
        assertThat(blocks).isGreaterThan(5);
        script.append("echo DOC-RAN-TO-THE-END\n");
        try (TestServer server = TestServer.start(Map.of("cluster.opsToken", "ops-secret"))) {
            ProcessBuilder bash = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true);
            bash.environment().put("BASE", "http://127.0.0.1:" + server.port());
            bash.environment().put("OPS_TOKEN", "ops-secret");
            Process p = bash.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("\"body\":\"hi bob\"", "\"conversationId\":\"g:", "Tern HTTP API",
                    "{\"revoked\":true}", "DOC-RAN-TO-THE-END");
        }
    }
}
