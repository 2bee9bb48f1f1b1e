package io.tern.client.cli;

import java.util.List;

/** A line that is no command: text for the open conversation. */
final class SayCommand implements Command {
    @Override
    public List<String> names() {
        return List.of(Invocation.TEXT);
    }

    @Override
    public String usage() {
        return "<text>";
    }

    @Override
    public String summary() {
        return "send to the open conversation (start with :: to send text beginning with ':')";
    }

    @Override
    public void run(String args, Chat chat) {
        Target open = chat.open();
        if (open == null) {
            throw new CommandException("no conversation is open: ':open <user|#group>' first, or '@user message'");
        }
        chat.send(open, args);
    }
}
