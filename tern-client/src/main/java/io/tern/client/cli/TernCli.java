package io.tern.client.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar tern-cli.jar --server http://localhost:8080 --user alice}: the console client's entry point. */
@Command(name = "tern-cli", mixinStandardHelpOptions = true, versionProvider = TernCli.Version.class,
        description = "Chat with the users of a Tern server from a terminal. After logging in, :help lists the "
                + "commands.",
        footer = {"", "Examples:", "  java -jar tern-cli.jar --user alice",
                "  java -jar tern-cli.jar --server https://chat.example.com --user bob"})
public final class TernCli implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-s", "--server"}, paramLabel = "<url>",
            defaultValue = "${env:TERN_SERVER:-http://localhost:8080}",
            description = "The server's HTTP address (default: ${DEFAULT-VALUE}; environment: TERN_SERVER).")
    private URI server;

    @Option(names = {"-u", "--user"}, paramLabel = "<name>", description = "Your username; asked for if missing.")
    private String user;

    @Option(names = {"-d", "--device"}, paramLabel = "<id>",
            description = "A device id of your choice (default: the server picks a new one at every start).")
    private String device;

    @Option(names = "--history-file", paramLabel = "<file>",
            description = "Keep the input history in this file (default: in memory only, as it holds what you "
                    + "typed).")
    private Path historyFile;

    public static void main(String[] args) {
        // The SDK logs through SLF4J; the console ships no logging backend, so that nothing but the chat
        // reaches the terminal, and SLF4J is told not to warn that it has none.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(new CommandLine(new TernCli()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        ConsoleOptions options;
        try {
            options = new ConsoleOptions(server, user, device, historyFile);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        // dumb(true): when input is piped there is no real terminal; read lines plainly instead of failing.
        try (Terminal terminal = TerminalBuilder.builder().name("tern").system(true).dumb(true).build()) {
            return new Console(options, terminal).run();
        }
    }

    /** The version from the jar's manifest (set by the build). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TernCli.class.getPackage().getImplementationVersion();
            return new String[] {"tern-cli " + (version == null ? "(development build)" : version)};
        }
    }
}
