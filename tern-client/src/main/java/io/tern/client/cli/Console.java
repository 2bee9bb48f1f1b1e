package io.tern.client.cli;

import io.tern.client.TernClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * One session of the console client on a given terminal: log in, then read and run lines until {@code :q},
 * end of input or Ctrl-C on an empty line. The terminal belongs to the caller, which is how tests run it on
 * plain streams; everything else the session starts (the SDK client, the output thread) ends before
 * {@link #run} returns.
 */
public final class Console {
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final ConsoleOptions options;
    private final Terminal terminal;
    private final Clock clock;

    public Console(ConsoleOptions options, Terminal terminal) {
        this(options, terminal, Clock.systemDefaultZone());
    }

    /** @param clock the time zone and "today" for message times */
    Console(ConsoleOptions options, Terminal terminal, Clock clock) {
        this.options = options;
        this.terminal = terminal;
        this.clock = clock;
    }

    /** Exit code when the server cannot be reached (or is not a Tern server) before the login. */
    static final int UNREACHABLE = 3;

    /**
     * Runs the session; returns the exit code: 0 after quitting, 1 if the login failed or was abandoned, 3 if
     * the server could not be reached.
     */
    public int run() {
        Commands commands = Commands.standard();
        TernCompleter completer = new TernCompleter(commands);
        LineReader reader = Readers.build(terminal, completer, options.historyFile());
        Screen screen = new Screen(reader);
        int n = SESSIONS.incrementAndGet();
        ExecutorService output = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tern-cli-" + n + "-output");
            t.setDaemon(true);
            return t;
        });
        Printer printer = new Printer(screen, output, options.server());
        TernClient client = null;
        try {
            String unreachable = new ServerProbe(ServerProbe.PAUSES).problem(options.server());
            if (unreachable != null) {
                screen.error(unreachable);
                return UNREACHABLE;
            }
            String username = options.username() != null ? options.username() : askUsername(screen);
            client = new Login(options, username, screen, printer).connect();
            if (client == null) {
                return 1;
            }
            Names names = new Names(client.directory(), client.userId(), username);
            Chat chat = new Chat(client, username, names, new Formatter(client.userId(), names, clock), screen,
                    printer::online);
            printer.start(chat);
            completer.attach(names);
            Readers.onTyping(reader, typed -> typing(chat, typed));
            printer.later(Console::preload);
            screen.notice("logged in to " + options.server() + " as " + username + " (id " + client.userId()
                    + "); :help lists the commands");
            loop(chat, commands);
            printer.drain();
            screen.notice("bye");
            return 0;
        } catch (EndOfFileException | UserInterruptException e) {
            return client == null ? 1 : 0; // input ended during the login
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            printer.abandon();
            if (client != null) {
                client.close();
            }
            stop(output);
        }
    }

    private void loop(Chat chat, Commands commands) {
        while (!chat.quitting()) {
            String line;
            try {
                line = chat.screen().readLine(chat.prompt());
            } catch (UserInterruptException e) {
                if (e.getPartialLine() == null || e.getPartialLine().isEmpty()) {
                    commands.run(":q", chat); // Ctrl-C on an empty line: the user wants out
                }
                continue; // else Ctrl-C only drops the line being typed
            } catch (EndOfFileException e) {
                commands.run(":q", chat); // Ctrl-D, or the end of piped input
                return;
            }
            commands.run(line, chat);
        }
    }

    /** Fetches names so that completion knows them before the first Tab; without them it only knows fewer. */
    private static void preload(Chat chat) {
        try {
            chat.names().preload();
        } catch (RuntimeException e) {
            // not worth an error line: every name is looked up again when it is needed
        }
    }

    /** Tells the open conversation the user is typing, unless the line is becoming a command. */
    private static void typing(Chat chat, String typed) {
        Target open = chat.open();
        if (open != null && !typed.startsWith(":") && !typed.startsWith("@")) {
            chat.client().typing(open.conversationId());
        }
    }

    private static String askUsername(Screen screen) {
        String name = "";
        while (name.isEmpty()) {
            name = screen.ask("username: ");
        }
        return name;
    }

    /** Lets the output thread print what is queued (the goodbye included), then ends it. */
    private static void stop(ExecutorService output) {
        output.shutdown();
        try {
            if (!output.awaitTermination(5, TimeUnit.SECONDS)) {
                output.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output.shutdownNow();
        }
    }
}
