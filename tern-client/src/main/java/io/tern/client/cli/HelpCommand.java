package io.tern.client.cli;

import java.util.List;

/** {@code :help} and CIM's {@code :all}: every command with what it does. */
final class HelpCommand implements Command {
    private final Commands table;

    HelpCommand(Commands table) {
        this.table = table;
    }

    @Override
    public List<String> names() {
        return List.of(":help", ":all");
    }

    @Override
    public String usage() {
        return ":help, :all";
    }

    @Override
    public String summary() {
        return "list the commands";
    }

    @Override
    public void run(String args, Chat chat) {
        chat.screen().println(Formatter.help(table.all()));
    }
}
