package io.tern.client.cli;

import java.util.List;

/**
 * {@code :delay see you at noon 3600}: sends the text to the open conversation that many seconds from now, as
 * CIM's {@code :delay <msg> <sec>} does; the server keeps it, so it is sent even if this console has quit.
 */
final class DelayCommand implements Command {
    /** The server accepts at most a year ahead. */
    private static final long MAX_SECONDS = 365L * 24 * 3600;

    @Override
    public List<String> names() {
        return List.of(":delay");
    }

    @Override
    public String usage() {
        return ":delay <text> <seconds>";
    }

    @Override
    public String summary() {
        return "send text to the open conversation after a delay (kept by the server)";
    }

    @Override
    public void run(String args, Chat chat) {
        Target open = chat.open();
        if (open == null) {
            throw new CommandException("no conversation is open: ':open <user|#group>' first");
        }
        String trimmed = args.strip();
        int space = trimmed.lastIndexOf(' ');
        if (space <= 0) {
            throw CommandException.usage(this);
        }
        long seconds;
        try {
            seconds = Long.parseLong(trimmed.substring(space + 1));
        } catch (NumberFormatException e) {
            throw CommandException.usage(this);
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new CommandException("the delay is 1 to " + MAX_SECONDS + " seconds");
        }
        String text = trimmed.substring(0, space).strip();
        long id = Await.result(chat.directory().schedule(open.group() ? null : open.id(),
                open.group() ? open.id() : null, text, System.currentTimeMillis() + seconds * 1000));
        chat.screen().notice("scheduled #" + id + " for " + open.label() + " in " + seconds + " s");
    }
}
