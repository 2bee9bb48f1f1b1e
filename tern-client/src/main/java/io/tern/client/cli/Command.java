package io.tern.client.cli;

import java.util.List;

/**
 * One console command. Implementations are small and stateless: what they act on is the {@link Chat}. A
 * command reports a problem the user can fix by throwing {@link CommandException}; errors the server sends
 * back ({@code TernClientException}) are reported by the caller.
 */
interface Command {
    /** The keys that invoke it, the one shown in the help first: {@code [":help", ":all"]}. */
    List<String> names();

    /** How to call it: {@code ":history [user|#group] [n]"}. */
    String usage();

    /** What it does, in a line. */
    String summary();

    void run(String args, Chat chat);
}
