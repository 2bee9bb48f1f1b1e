package io.tern.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The console gives up on a server it cannot reach, in seconds and with a line that says what to fix. */
class UnreachableServerTest {
    @Test
    void refusedPort_givesUpAfterBoundedTriesWithExitCode3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        try (ConsoleDriver console = new ConsoleDriver(URI.create("http://127.0.0.1:" + port), "alice")) {
            console.expect("cannot reach http://127.0.0.1:" + port + " (connection refused, 4 tries)");
            assertThat(console.exitCode()).isEqualTo(Console.UNREACHABLE);
        }
    }

    @Test
    void misspeltHost_givesUpAtOnce() throws Exception {
        try (ConsoleDriver console = new ConsoleDriver(URI.create("http://no-such-host.invalid:8080"), "alice")) {
            console.expect("unknown host no-such-host.invalid: check the spelling of --server");
            assertThat(console.exitCode()).isEqualTo(Console.UNREACHABLE);
        }
    }
}
