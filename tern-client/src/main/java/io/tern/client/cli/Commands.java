package io.tern.client.cli;

import io.tern.client.TernClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The table from command key to {@link Command}, and the one place a line of input is run: parsed, looked
 * up, run, and any failure turned into a message instead of ending the console.
 */
final class Commands {
    private final Map<String, Command> byKey = new LinkedHashMap<>();
    private final List<Command> listed = new ArrayList<>();

    /** Every command of the console, in the order {@code :help} lists them. */
    static Commands standard() {
        Commands table = new Commands();
        table.add(new HelpCommand(table));
        table.add(new OnlineUsersCommand());
        table.add(new FindUsersCommand());
        table.add(new BlockCommand(true));
        table.add(new BlockCommand(false));
        table.add(new ContactsCommand());
        table.add(new ContactCommand());
        table.add(new PrivacyCommand());
        table.add(new DirectMessageCommand(false));
        table.add(new DirectMessageCommand(true));
        table.add(new OpenCommand());
        table.add(new SayCommand());
        table.add(new SendFileCommand());
        table.add(new SaveFileCommand());
        table.add(new GroupsCommand());
        table.add(new CreateGroupCommand());
        table.add(new JoinCommand());
        table.add(new GroupAdminCommand());
        table.add(new HistoryCommand());
        for (ChangeCommand.Kind kind : ChangeCommand.Kind.values()) {
            table.add(new ChangeCommand(kind));
        }
        table.add(new DelayCommand());
        table.add(new UnreadCommand());
        table.add(new ReadCommand());
        SearchCommand search = new SearchCommand();
        table.add(search);
        table.add(new QuitCommand(false, search));
        table.add(new QuitCommand(true));
        return table;
    }

    void add(Command command) {
        for (String name : command.names()) {
            if (byKey.putIfAbsent(name, command) != null) {
                throw new IllegalStateException("two commands are called " + name);
            }
        }
        listed.add(command);
    }

    Optional<Command> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    List<Command> all() {
        return List.copyOf(listed);
    }

    /** The names that start with a colon, for completion. */
    List<String> commandNames() {
        return byKey.keySet().stream().filter(k -> k.startsWith(":")).toList();
    }

    /** Runs one line of input; whatever goes wrong is printed, never thrown. */
    void run(String line, Chat chat) {
        Invocation invocation = CommandParser.parse(line);
        if (invocation == null) {
            return;
        }
        Optional<Command> command = find(invocation.key());
        if (command.isEmpty()) {
            chat.screen().error(unknown(invocation.key()));
            return;
        }
        try {
            command.get().run(invocation.args(), chat);
        } catch (CommandException | TernClientException e) {
            chat.screen().error(Failures.describe(e));
        } catch (CompletionException e) {
            chat.screen().error(Failures.describe(e.getCause() != null ? e.getCause() : e));
        } catch (RuntimeException e) {
            // A bug in a command must not end the session with the user's conversations in it.
            chat.screen().error("the command failed: " + Failures.describe(e));
        }
    }

    /** What to say about a command that does not exist: one it abbreviates, else the closest, if close. */
    String unknown(String key) {
        List<String> names = commandNames();
        String closest = names.stream().filter(name -> name.startsWith(key)).findFirst()
                .or(() -> names.stream().min(Comparator.comparingInt(name -> distance(name, key)))
                        .filter(name -> distance(name, key) <= 2))
                .orElse(null);
        return "unknown command " + key + (closest == null ? "" : " (did you mean " + closest + "?)")
                + "; :help lists the commands";
    }

    /** Edit distance, to suggest {@code :olu} for {@code :ol} or {@code :oul}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
