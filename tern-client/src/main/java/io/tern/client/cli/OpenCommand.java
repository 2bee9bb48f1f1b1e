package io.tern.client.cli;

import java.util.List;

/**
 * {@code :open bob} or {@code :open #team}: plain text goes there from now on. Opening a conversation counts
 * as looking at it, so what the console has shown of it is marked read, as is what arrives while it is open.
 */
final class OpenCommand implements Command {
    @Override
    public List<String> names() {
        return List.of(":open");
    }

    @Override
    public String usage() {
        return ":open <user|#group>";
    }

    @Override
    public String summary() {
        return "talk to a user or a group: plain text then goes there";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] words = CommandParser.words(args);
        if (words.length != 1) {
            throw CommandException.usage(this);
        }
        Target target = chat.resolve(words[0]);
        chat.open(target);
        chat.markShownRead(target);
        chat.screen().notice("talking to " + target.label() + "; plain text goes there");
    }
}
