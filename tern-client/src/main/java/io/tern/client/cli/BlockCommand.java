package io.tern.client.cli;

import java.util.List;

/**
 * {@code :block <user>} and {@code :unblock <user>}: no direct messages either way, no presence, typing or
 * read receipts across the block; the blocked user is not told (docs/people.md).
 */
final class BlockCommand implements Command {
    private final boolean block;

    BlockCommand(boolean block) {
        this.block = block;
    }

    @Override
    public List<String> names() {
        return List.of(block ? ":block" : ":unblock");
    }

    @Override
    public String usage() {
        return block ? ":block <user>" : ":unblock <user>";
    }

    @Override
    public String summary() {
        return block ? "block a user: no direct messages either way, no presence or receipts"
                : "lift a block";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] words = CommandParser.words(args);
        if (words.length != 1) {
            throw CommandException.usage(this);
        }
        Target target = chat.resolve(words[0]);
        if (target.group()) {
            throw new CommandException("only users can be blocked");
        }
        Await.result(block ? chat.client().directory().block(target.id())
                : chat.client().directory().unblock(target.id()));
        chat.screen().notice((block ? "blocked " : "unblocked ") + target.label());
    }
}
