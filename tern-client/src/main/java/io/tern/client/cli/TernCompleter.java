package io.tern.client.cli;

import io.tern.client.GroupInfo;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names at the start of a line, {@code @user} for private messages, and user and
 * {@code #group} names where a command takes them. Names come from {@link Names}, so completion offers who
 * the console has heard of (online users, peers, lookups, the user's groups) without asking the server on
 * every key press.
 */
final class TernCompleter implements Completer {
    /** Commands whose first argument is a user or a group. */
    private static final Set<String> TAKES_TARGET = Set.of(":open", ":history", ":read");

    private final Commands commands;
    private volatile Names names;

    TernCompleter(Commands commands) {
        this.commands = commands;
    }

    /** Names become available once logged in; before that only commands complete. */
    void attach(Names names) {
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word();
        Names known = names;
        if (line.wordIndex() == 0) {
            if (word.startsWith("@") && known != null) {
                known.usernames().forEach(u -> candidates.add(candidate("@" + u)));
            } else if (word.startsWith(":")) {
                commands.commandNames().forEach(c -> candidates.add(candidate(c)));
            }
            return;
        }
        if (known == null) {
            return;
        }
        String command = line.words().get(0).toLowerCase(Locale.ROOT);
        if (TAKES_TARGET.contains(command) && line.wordIndex() == 1) {
            known.usernames().forEach(u -> candidates.add(candidate(u)));
            for (GroupInfo g : known.groups()) {
                candidates.add(candidate("#" + g.name()));
            }
        } else if (command.equals(":create") && line.wordIndex() >= 2) {
            known.usernames().forEach(u -> candidates.add(candidate(u)));
        }
    }

    private static Candidate candidate(String value) {
        return new Candidate(value);
    }
}
