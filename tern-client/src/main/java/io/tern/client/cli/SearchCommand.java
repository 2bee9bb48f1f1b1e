package io.tern.client.cli;

import io.tern.client.FoundMessage;
import io.tern.client.SearchResults;
import java.util.List;

/**
 * CIM's {@code :q <keyword>}, on the server: the newest messages of any conversation the user may see that
 * contain the keyword (any script, at least 2 characters), each as a history line.
 * {@code :q} without a keyword still quits (see {@link QuitCommand}).
 */
final class SearchCommand implements Command {
    static final int LIMIT = 20;

    @Override
    public List<String> names() {
        return List.of(":search");
    }

    @Override
    public String usage() {
        return ":q <keyword>, :search <keyword>";
    }

    @Override
    public String summary() {
        return "search the messages of all your conversations on the server (newest " + LIMIT + ")";
    }

    @Override
    public void run(String args, Chat chat) {
        String query = args.strip();
        if (query.isEmpty()) {
            throw CommandException.usage(this);
        }
        SearchResults results = Await.result(chat.client().directory().searchMessages(query, null, null, LIMIT));
        if (results.hits().isEmpty()) {
            chat.screen().notice("no messages with \"" + Formatter.clean(query) + "\"");
            return;
        }
        StringBuilder out = new StringBuilder("-- " + results.hits().size() + " with \"" + Formatter.clean(query)
                + "\", newest first" + (results.nextBefore() != null ? " (there are older ones)" : "") + " --");
        for (FoundMessage hit : results.hits()) {
            out.append('\n').append(chat.formatter().historyLine(hit.message()));
        }
        chat.screen().println(out.toString());
    }
}
