package io.tern.client.cli;

import io.tern.client.HistoryPage;
import io.tern.client.Message;
import io.tern.client.TernClientException;
import java.util.List;

/** {@code :history [bob|#team] [n]}: the last n messages of a conversation, from the server's history. */
final class HistoryCommand implements Command {
    static final int DEFAULT = 20;
    static final int MAX = 200;

    @Override
    public List<String> names() {
        return List.of(":history");
    }

    @Override
    public String usage() {
        return ":history [user|#group] [n]";
    }

    @Override
    public String summary() {
        return "show the last n messages (default " + DEFAULT + ") of a conversation, the open one if none is given";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] words = CommandParser.words(args);
        if (words.length > 2) {
            throw CommandException.usage(this);
        }
        int count = DEFAULT;
        String ref = null;
        if (words.length == 2 || words.length == 1 && !Ids.isNumber(words[0])) {
            ref = words[0];
        }
        if (words.length == 2 || words.length == 1 && ref == null) {
            count = (int) Math.min(MAX, Ids.parse(words[words.length - 1], "number of messages"));
        }
        Target target = ref == null ? chat.open() : chat.resolve(ref);
        if (target == null) {
            throw new CommandException("no conversation is open: ':history <user|#group> [n]'");
        }
        HistoryPage page;
        try {
            page = Await.result(chat.client().pullHistory(target.conversationId(), Long.MAX_VALUE, count));
        } catch (TernClientException e) {
            if ("NOT_A_MEMBER".equals(e.error())) {
                throw new CommandException("no messages with " + target.label() + " yet");
            }
            throw e;
        }
        if (page.messages().isEmpty()) {
            chat.screen().notice("no messages with " + target.label() + " yet");
            return;
        }
        StringBuilder out = new StringBuilder("-- last " + page.messages().size() + " with " + target.label()
                + (page.hasMore() ? " (older ones: :history " + target.label() + " " + MAX + ")" : "") + " --");
        for (Message m : page.messages()) {
            out.append('\n').append(chat.formatter().historyLine(m));
        }
        chat.screen().println(out.toString());
    }
}
