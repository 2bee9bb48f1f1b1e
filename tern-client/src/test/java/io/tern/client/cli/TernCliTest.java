package io.tern.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of {@code java -jar tern-cli.jar}, without starting a session. */
class TernCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpListsTheOptionsAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: tern-cli", "--server=<url>", "--user=<name>", "--device=<id>",
                "--history-file=<file>", "environment: TERN_SERVER");
    }

    @Test
    void aServerThatIsNoHttpUrlIsAUsageError() {
        assertThat(run("--server", "ftp://example.com", "--user", "alice")).isEqualTo(2);
        assertThat(err.toString()).contains("the server must be an http:// or https:// URL");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("--colour")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--colour'");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new TernCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}
