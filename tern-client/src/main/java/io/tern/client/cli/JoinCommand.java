package io.tern.client.cli;

import io.tern.client.GroupInfo;
import java.util.List;

/**
 * {@code :join 12}: joins an open group, by id only, since the names of others' groups are not listed;
 * {@code :join <code>}: joins a group by an invite link's code.
 */
final class JoinCommand implements Command {
    /** Invite codes are 128 random bits in unpadded base64url; anything else is read as a group id. */
    private static final int INVITE_CODE_LENGTH = 22;

    @Override
    public List<String> names() {
        return List.of(":join");
    }

    @Override
    public String usage() {
        return ":join <groupId>|<invite code>";
    }

    @Override
    public String summary() {
        return "join an open group by its id (members see it in :groups), or any group by an invite code (22 characters)";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] words = CommandParser.words(args);
        if (words.length != 1) {
            throw CommandException.usage(this);
        }
        GroupInfo group;
        if (words[0].length() != INVITE_CODE_LENGTH) {
            long id = Ids.parse(words[0], "group id");
            Await.result(chat.directory().joinGroup(id));
            group = Await.result(chat.directory().group(id));
        } else {
            group = Await.result(chat.directory().joinByInvite(words[0]));
        }
        long groupId = group.groupId();
        chat.names().remember(group);
        chat.screen().notice("joined #" + Formatter.clean(group.name()) + " (id " + groupId + "); ':open #"
                + Formatter.clean(group.name()) + "' to talk there");
    }
}
