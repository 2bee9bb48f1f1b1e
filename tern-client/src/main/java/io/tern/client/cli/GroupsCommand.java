package io.tern.client.cli;

import java.util.List;

/** {@code :groups}: the groups the user is in, with their ids. */
final class GroupsCommand implements Command {
    @Override
    public List<String> names() {
        return List.of(":groups");
    }

    @Override
    public String usage() {
        return ":groups";
    }

    @Override
    public String summary() {
        return "list your groups";
    }

    @Override
    public void run(String args, Chat chat) {
        chat.screen().println(chat.formatter().groups(chat.names().refreshGroups()));
    }
}
