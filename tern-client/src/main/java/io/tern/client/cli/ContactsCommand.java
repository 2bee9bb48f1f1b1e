package io.tern.client.cli;

import io.tern.client.Contacts;
import io.tern.client.UserInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code :contacts}: the contacts (with "online" where their privacy settings let you see it), the requests both
 * ways, and the users you blocked (docs/people.md).
 */
final class ContactsCommand implements Command {
    @Override
    public List<String> names() {
        return List.of(":contacts");
    }

    @Override
    public String usage() {
        return ":contacts";
    }

    @Override
    public String summary() {
        return "your contacts with presence, contact requests and blocked users";
    }

    @Override
    public void run(String args, Chat chat) {
        if (!args.isBlank()) {
            throw CommandException.usage(this);
        }
        Contacts c = Await.result(chat.client().directory().contacts());
        Map<Long, String> blocked = Await.result(chat.client().directory().blockedUsers());
        chat.screen().notice("contacts: " + (c.contacts().isEmpty() ? "none" : c.contacts().stream()
                .map(ContactsCommand::contact).collect(Collectors.joining(", "))));
        if (!c.incoming().isEmpty()) {
            chat.screen().notice("asking you (:contact accept|decline <user>): " + names(c, c.incoming()));
        }
        if (!c.outgoing().isEmpty()) {
            chat.screen().notice("you asked: " + names(c, c.outgoing()));
        }
        if (!blocked.isEmpty()) {
            chat.screen().notice("blocked: " + blocked.values().stream().map(Formatter::clean)
                    .collect(Collectors.joining(", ")));
        }
    }

    private static String contact(UserInfo u) {
        return Formatter.clean(u.username()) + (u.online() ? " (online)" : "");
    }

    private static String names(Contacts c, List<Long> ids) {
        return ids.stream().map(id -> Formatter.clean(c.nameOf(id))).collect(Collectors.joining(", "));
    }
}
