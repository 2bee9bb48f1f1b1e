package io.tern.server.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.Main;
import io.tern.server.support.SelfSignedCert;
import io.tern.server.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every start-up mistake an operator makes ends the process with one line and a documented status. */
class StartupFailuresTest {
    @TempDir
    Path tmp;

    private record Outcome(int status, String stderr) {
    }

    /** Runs Main in this JVM; only for runs that fail (a successful one would serve until stopped). */
    private static Outcome runMain(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("--set", "auth.bcryptCost=4"));
            all.addAll(List.of(args));
            int status = new CommandLine(new Main()).execute(all.toArray(String[]::new));
            return new Outcome(status, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    private static void assertOneLine(Outcome outcome, int status, String... contains) {
        assertThat(outcome.status()).as(outcome.stderr()).isEqualTo(status);
        assertThat(outcome.stderr().strip().lines()).as(outcome.stderr()).hasSize(1);
        assertThat(outcome.stderr()).startsWith("tern-server: ").doesNotContain("\tat ").contains(contains);
    }

    @Test
    void secondServerOnTheSameDataDir_exitsWith75AndNamesTheOwner() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (TestServer first = TestServer.start(dataDir, Map.of())) {
            Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.tern.server.Main", "--port", "0",
                    "--data-dir", dataDir.toString(), "--set", "server.host=127.0.0.1").redirectErrorStream(false)
                    .start();
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String stderr = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.exitValue()).as(stderr).isEqualTo(StartupException.LOCKED);
            assertThat(stderr.strip().lines()).hasSize(1);
            assertThat(stderr).contains("is in use by another Tern process (pid " + ProcessHandle.current().pid() + ")");
            // the first server was not disturbed
            assertThat(first.http().get("/healthz", null).status()).isEqualTo(200);
        }
    }

    @Test
    void dataDirReleasedOnStop_secondStartSucceeds() {
        Path dataDir = tmp.resolve("data");
        TestServer.start(dataDir, Map.of()).stopKeepingData();
        try (TestServer again = TestServer.start(dataDir, Map.of())) {
            assertThat(again.http().get("/healthz", null).status()).isEqualTo(200);
        }
    }

    @Test
    void portInUse_exitsWith69BeforeTheDatabaseIsCreated() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path dataDir = tmp.resolve("data");
            Outcome outcome = runMain("--port", String.valueOf(taken.getLocalPort()), "--data-dir", dataDir.toString(),
                    "--set", "server.host=127.0.0.1");
            assertOneLine(outcome, StartupException.PORT_IN_USE, ":" + taken.getLocalPort(), "--port");
            assertThat(dataDir.resolve("tern.db")).doesNotExist();
        }
    }

    @Test
    void dataDirNotCreatable_exitsWith73() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        Outcome outcome = runMain("--port", "0", "--data-dir", file.resolve("data").toString(),
                "--set", "server.host=127.0.0.1");
        assertOneLine(outcome, StartupException.DATA_DIR, "cannot create data directory", "--data-dir");
    }

    @Test
    void unresolvableHost_exitsWith2() {
        Outcome outcome = runMain("--port", "0", "--data-dir", tmp.resolve("data").toString(),
                "--set", "server.host=no-such-host.invalid");
        assertOneLine(outcome, StartupException.CONFIG, "server.host 'no-such-host.invalid' does not resolve");
        assertThat(tmp.resolve("data").resolve("tern.db")).doesNotExist();
    }

    @Test
    void tlsFilesThatDoNotLoad_exitWith2() throws Exception {
        SelfSignedCert cert = SelfSignedCert.create(tmp);
        Path garbage = Files.writeString(tmp.resolve("bad-key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Outcome outcome = runMain("--port", "0", "--data-dir", tmp.resolve("data").toString(),
                "--set", "server.host=127.0.0.1", "--set", "server.tls.certFile=" + cert.certFile(),
                "--set", "server.tls.keyFile=" + garbage);
        assertOneLine(outcome, StartupException.CONFIG, "cannot load TLS certificate", "PKCS#8");
    }
}
