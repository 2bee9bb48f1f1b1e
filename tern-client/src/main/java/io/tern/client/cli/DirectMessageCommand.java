package io.tern.client.cli;

import java.util.List;

/**
 * A private message without opening the conversation: {@code @bob hello} by name, or CIM's
 * {@code 12;;hello} by user id. The open conversation stays as it was.
 */
final class DirectMessageCommand implements Command {
    private final boolean byId;

    /** @param byId true for {@code userId;;message}, false for {@code @username message} */
    DirectMessageCommand(boolean byId) {
        this.byId = byId;
    }

    @Override
    public List<String> names() {
        return List.of(byId ? Invocation.BY_ID : Invocation.AT);
    }

    @Override
    public String usage() {
        return byId ? "<userId>;;<message>" : "@<user> <message>";
    }

    @Override
    public String summary() {
        return byId ? "send a private message by user id (CIM's form; :olu shows ids)" : "send a private message";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] parts = CommandParser.head(args);
        if (parts[0].isEmpty() || parts[1].isBlank()) {
            throw CommandException.usage(this);
        }
        Target to = byId ? chat.userById(Ids.parse(parts[0], "user id")) : chat.resolve(parts[0]);
        if (to.group()) {
            throw new CommandException("@ is for users; ':open " + parts[0] + "' then type to talk in a group");
        }
        chat.send(to, parts[1]);
    }
}
