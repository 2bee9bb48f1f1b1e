package io.tern.client.cli;

import java.util.List;

/** {@code :unread}: the conversations with unread messages, as the server counts them for the user. */
final class UnreadCommand implements Command {
    static final int CONVERSATIONS = 100;

    @Override
    public List<String> names() {
        return List.of(":unread");
    }

    @Override
    public String usage() {
        return ":unread";
    }

    @Override
    public String summary() {
        return "list the conversations with unread messages";
    }

    @Override
    public void run(String args, Chat chat) {
        chat.screen().println(chat.formatter().unread(
                Await.result(chat.directory().conversations(CONVERSATIONS, 0))));
    }
}
