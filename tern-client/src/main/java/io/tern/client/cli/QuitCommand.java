package io.tern.client.cli;

import java.time.Duration;
import java.util.List;

/**
 * {@code :q} quits once the messages still on their way are stored (waiting a little), {@code :q!} quits at
 * once, as CIM's does. Either way the console closes the client and its threads cleanly.
 */
final class QuitCommand implements Command {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final boolean force;
    /** What {@code :q <keyword>} runs, as CIM's console does; null for {@code :q!}. */
    private final Command search;

    QuitCommand(boolean force) {
        this(force, null);
    }

    QuitCommand(boolean force, Command search) {
        this.force = force;
        this.search = search;
    }

    @Override
    public List<String> names() {
        return force ? List.of(":q!") : List.of(":q", ":quit");
    }

    @Override
    public String usage() {
        return force ? ":q!" : ":q, :quit";
    }

    @Override
    public String summary() {
        return force ? "quit now, even with messages not yet sent" : "quit once the messages typed are sent";
    }

    @Override
    public void run(String args, Chat chat) {
        if (search != null && !args.isBlank()) {
            search.run(args, chat);
            return;
        }
        int unsent = chat.unsent();
        if (!force && unsent > 0) {
            chat.screen().notice("waiting for " + unsent + (unsent == 1 ? " message" : " messages") + " to be sent...");
            if (!chat.awaitSent(WAIT)) {
                chat.screen().notice(chat.unsent() + " not confirmed; they may or may not have been stored");
            }
        }
        chat.quit(); // the console says goodbye once what is still being printed is out

    }
}
