package io.tern.client.cli;

import io.tern.client.GroupInfo;
import java.util.List;

/** {@code :join 12}: joins an open group. By id only, since the names of others' groups are not listed. */
final class JoinCommand implements Command {
    @Override
    public List<String> names() {
        return List.of(":join");
    }

    @Override
    public String usage() {
        return ":join <groupId>";
    }

    @Override
    public String summary() {
        return "join an open group by its id (members see it in :groups)";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] words = CommandParser.words(args);
        if (words.length != 1) {
            throw CommandException.usage(this);
        }
        long groupId = Ids.parse(words[0], "group id");
        Await.result(chat.directory().joinGroup(groupId));
        GroupInfo group = Await.result(chat.directory().group(groupId));
        chat.names().remember(group);
        chat.screen().notice("joined #" + Formatter.clean(group.name()) + " (id " + groupId + "); ':open #"
                + Formatter.clean(group.name()) + "' to talk there");
    }
}
