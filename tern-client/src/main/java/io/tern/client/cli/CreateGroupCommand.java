package io.tern.client.cli;

import io.tern.client.GroupInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code :create [--open] team bob carol}: a group owned by the user with these members. */
final class CreateGroupCommand implements Command {
    private static final String OPEN = "--open";

    @Override
    public List<String> names() {
        return List.of(":create");
    }

    @Override
    public String usage() {
        return ":create [--open] <name> <user>...";
    }

    @Override
    public String summary() {
        return "create a group with these members (--open: anyone may :join it by id)";
    }

    @Override
    public void run(String args, Chat chat) {
        List<String> words = new ArrayList<>(Arrays.asList(CommandParser.words(args)));
        boolean open = words.remove(OPEN);
        if (words.isEmpty()) {
            throw CommandException.usage(this);
        }
        String name = words.remove(0);
        name = name.startsWith("#") ? name.substring(1) : name;
        if (name.isEmpty() || Ids.isNumber(name)) {
            throw new CommandException("a group name needs a letter, so that #name cannot be taken for an id");
        }
        List<Long> members = new ArrayList<>();
        for (String user : words) {
            Target member = chat.resolve(user);
            if (member.group()) {
                throw new CommandException("members are users, not groups: " + Formatter.clean(user));
            }
            members.add(member.id());
        }
        GroupInfo group = Await.result(chat.directory().createGroup(name, members, open));
        chat.names().remember(group);
        chat.screen().notice("created #" + Formatter.clean(group.name()) + " (id " + group.groupId() + ", "
                + group.memberCount() + " members" + (open ? ", open" : "") + "); ':open #"
                + Formatter.clean(group.name()) + "' to talk there");
    }
}
