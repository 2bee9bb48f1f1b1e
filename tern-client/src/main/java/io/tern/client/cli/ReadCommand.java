package io.tern.client.cli;

import io.tern.client.ConversationInfo;
import java.util.List;

/**
 * {@code :read [bob|#team|all]}: marks a conversation read up to its newest message, which clears its unread
 * count and, one-to-one, shows the other side "read".
 */
final class ReadCommand implements Command {
    private static final int CONVERSATIONS = 500;

    @Override
    public List<String> names() {
        return List.of(":read");
    }

    @Override
    public String usage() {
        return ":read [user|#group|all]";
    }

    @Override
    public String summary() {
        return "mark a conversation read (the open one if none is given; all: every one)";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] words = CommandParser.words(args);
        if (words.length > 1) {
            throw CommandException.usage(this);
        }
        List<ConversationInfo> conversations = Await.result(chat.directory().conversations(CONVERSATIONS, 0));
        if (words.length == 1 && words[0].equals("all")) {
            List<ConversationInfo> unread = conversations.stream().filter(c -> c.unread() > 0).toList();
            unread.forEach(c -> chat.client().markRead(c.conversationId(), c.lastSeq()));
            chat.screen().notice("marked " + unread.size() + (unread.size() == 1 ? " conversation" : " conversations")
                    + " read");
            return;
        }
        Target target = words.length == 0 ? chat.open() : chat.resolve(words[0]);
        if (target == null) {
            throw new CommandException("no conversation is open: ':read <user|#group>' or ':read all'");
        }
        // The newest seq the server or this console knows of; a message may have arrived since the list.
        long seq = chat.client().cursors().getOrDefault(target.conversationId(), 0L);
        for (ConversationInfo c : conversations) {
            if (c.conversationId().equals(target.conversationId())) {
                seq = Math.max(seq, c.lastSeq());
            }
        }
        if (seq == 0) {
            chat.screen().notice("no messages with " + target.label() + " yet");
            return;
        }
        chat.client().markRead(target.conversationId(), seq);
        chat.screen().notice("marked " + target.label() + " read up to #" + seq);
    }
}
