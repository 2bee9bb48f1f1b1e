package io.tern.client.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code :privacy} shows who sees your presence and last-seen and who gets your read receipts;
 * {@code :privacy presence|receipts everyone|contacts|nobody} changes one (docs/people.md).
 */
final class PrivacyCommand implements Command {
    private static final Set<String> SETTINGS = Set.of("presence", "receipts");
    private static final Set<String> AUDIENCES = Set.of("everyone", "contacts", "nobody");

    @Override
    public List<String> names() {
        return List.of(":privacy");
    }

    @Override
    public String usage() {
        return ":privacy [presence|receipts everyone|contacts|nobody]";
    }

    @Override
    public String summary() {
        return "show or set who sees your presence and who gets your read receipts";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] words = CommandParser.words(args);
        var directory = chat.client().directory();
        if (words.length == 2 && SETTINGS.contains(words[0]) && AUDIENCES.contains(words[1])) {
            Await.result(directory.setPrivacy(words[0].equals("presence") ? words[1] : null,
                    words[0].equals("receipts") ? words[1] : null));
        } else if (words.length != 0) {
            throw CommandException.usage(this);
        }
        Map<String, String> now = Await.result(directory.privacy());
        chat.screen().notice("presence and last seen: " + now.get("presence") + "; read receipts: " + now.get("receipts"));
    }
}
