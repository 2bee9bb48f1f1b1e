package io.tern.client.cli;

import java.util.List;

/** CIM's {@code :olu}: who is online, with the ids that {@code userId;;message} takes. */
final class OnlineUsersCommand implements Command {
    @Override
    public List<String> names() {
        return List.of(":olu");
    }

    @Override
    public String usage() {
        return ":olu";
    }

    @Override
    public String summary() {
        return "list the users online now, with their ids";
    }

    @Override
    public void run(String args, Chat chat) {
        chat.screen().println(chat.formatter().online(chat.names().online()));
    }
}
