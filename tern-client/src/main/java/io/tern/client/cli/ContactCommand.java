package io.tern.client.cli;

import java.util.List;

/**
 * {@code :contact add|accept|decline|remove <user>}: ask someone to be a contact (a request they had sent you is
 * accepted at once), answer a request (declining your own withdraws it), or remove a contact (docs/people.md).
 */
final class ContactCommand implements Command {
    @Override
    public List<String> names() {
        return List.of(":contact");
    }

    @Override
    public String usage() {
        return ":contact add|accept|decline|remove <user>";
    }

    @Override
    public String summary() {
        return "send, answer or withdraw a contact request, or remove a contact";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] words = CommandParser.words(args);
        if (words.length != 2) {
            throw CommandException.usage(this);
        }
        Target target = chat.resolve(words[1]);
        if (target.group()) {
            throw new CommandException("contacts are users, not groups");
        }
        var directory = chat.client().directory();
        String name = Formatter.clean(target.label());
        switch (words[0]) {
            case "add" -> {
                String status = Await.result(directory.requestContact(target.id()));
                chat.screen().notice(switch (status) {
                    case "accepted" -> name + " is now a contact (they had asked you)";
                    case "already_contacts" -> name + " is already a contact";
                    default -> "asked " + name + " to be a contact";
                });
            }
            case "accept" -> {
                Await.result(directory.answerContact(target.id(), true));
                chat.screen().notice(name + " is now a contact");
            }
            case "decline" -> {
                Await.result(directory.answerContact(target.id(), false));
                chat.screen().notice("no request between you and " + name + " is waiting any more");
            }
            case "remove" -> {
                Await.result(directory.removeContact(target.id()));
                chat.screen().notice("removed " + name + " from your contacts");
            }
            default -> throw CommandException.usage(this);
        }
    }
}
