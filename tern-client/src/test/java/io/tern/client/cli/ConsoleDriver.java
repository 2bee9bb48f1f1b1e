package io.tern.client.cli;

import static org.awaitility.Awaitility.await;

import io.tern.client.LocalServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * One console client run as a user would: on its own thread, reading what the test types and printing to a
 * buffer the test reads. {@link #expect} waits for text printed after what the last expectation matched, so a
 * test reads the output in order, as a person would.
 */
final class ConsoleDriver implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    /** The console's standard output: everything printed, kept. */
    private static final class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private final String name;
    private final TypedInput input = new TypedInput();
    private final Output output = new Output();
    private final Terminal terminal;
    private final ExecutorService thread;
    private final Future<Integer> exit;
    private int mark;

    /** Starts the console for {@code username} (null: it asks); it then asks for the password. */
    ConsoleDriver(URI server, String username) throws IOException {
        this.name = username == null ? "console" : username;
        this.terminal = new DumbTerminal("test-" + name, Terminal.TYPE_DUMB, input, output, StandardCharsets.UTF_8);
        terminal.setSize(new Size(200, 50));
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "console-" + name));
        ConsoleOptions options = new ConsoleOptions(server, username, null, null);
        this.exit = thread.submit(() -> new Console(options, terminal, Clock.system(ZoneOffset.UTC)).run());
    }

    /** A console for a registered user, logged in and ready for commands. */
    static ConsoleDriver loggedIn(LocalServer server, String username) throws IOException {
        ConsoleDriver console = new ConsoleDriver(server.uri(), username);
        console.expect("password for " + username + ": ");
        console.type(LocalServer.PASSWORD);
        console.expect("logged in to ");
        return console;
    }

    /** Types a line and Enter. */
    ConsoleDriver type(String line) {
        input.type(line + "\n");
        return this;
    }

    /** Waits until {@code text} is printed after the last match, and moves past it. */
    ConsoleDriver expect(String text) {
        await().alias(name + " prints '" + text + "'").atMost(WAIT).until(() -> output.text().indexOf(text, mark) >= 0);
        mark = output.text().indexOf(text, mark) + text.length();
        return this;
    }

    /** Everything printed so far. */
    String output() {
        return output.text();
    }

    /** Everything printed since the last match. */
    String recent() {
        return output.text().substring(mark);
    }

    /** Ends the input (Ctrl-D). */
    void endInput() {
        input.close();
    }

    /** The exit code once the console has ended. */
    int exitCode() throws Exception {
        return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    boolean ended() {
        return exit.isDone();
    }

    @Override
    public void close() throws IOException {
        input.close();
        try {
            exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            exit.cancel(true);
        }
        thread.shutdownNow();
        terminal.close();
    }
}
