package io.tern.client.cli;

import io.tern.client.HistoryPage;
import io.tern.client.MessageActions;
import io.tern.client.Sent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code :edit 12 new text}, {@code :recall 12}, {@code :react 12 👍}, {@code :reply 12 text}: a change to, or a
 * reply to, message #12 of the open conversation (the number printed with each message). The message's msgId is
 * looked up by its seq, so any message of the history can be named, not only one this console printed.
 */
final class ChangeCommand implements Command {
    enum Kind {
        EDIT(":edit", ":edit <#> <new text>", "edit your message # of the open conversation", true),
        RECALL(":recall", ":recall <#>", "recall a message (yours, or any as a group admin)", false),
        REACT(":react", ":react <#> <emoji> [off]", "react to a message; 'off' takes the reaction back", true),
        REPLY(":reply", ":reply <#> <text>", "reply to a message, quoting it", true);

        final String name;
        final String usage;
        final String summary;
        final boolean needsText;

        Kind(String name, String usage, String summary, boolean needsText) {
            this.name = name;
            this.usage = usage;
            this.summary = summary;
            this.needsText = needsText;
        }
    }

    private final Kind kind;

    ChangeCommand(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<String> names() {
        return List.of(kind.name);
    }

    @Override
    public String usage() {
        return kind.usage;
    }

    @Override
    public String summary() {
        return kind.summary;
    }

    @Override
    public void run(String args, Chat chat) {
        Target open = chat.open();
        if (open == null) {
            throw new CommandException("no conversation is open: ':open <user|#group>' first");
        }
        String[] parts = args.strip().split("\\s+", 2);
        String text = parts.length > 1 ? parts[1].strip() : "";
        if (parts[0].isEmpty() || kind.needsText && text.isEmpty()) {
            throw CommandException.usage(this);
        }
        long seq;
        try {
            seq = Long.parseLong(parts[0].startsWith("#") ? parts[0].substring(1) : parts[0]);
        } catch (NumberFormatException e) {
            throw CommandException.usage(this);
        }
        String msgId = msgId(chat, open, seq);
        MessageActions actions = chat.client().actions();
        CompletableFuture<Sent> sent = switch (kind) {
            case EDIT -> actions.edit(open.conversationId(), msgId, text);
            case RECALL -> actions.recall(open.conversationId(), msgId);
            case REACT -> {
                String[] emoji = text.split("\\s+");
                yield actions.react(open.conversationId(), msgId, emoji[0], emoji.length > 1 && emoji[1].equals("off"));
            }
            case REPLY -> actions.reply(open.conversationId(), msgId, text);
        };
        Sent done = Await.result(sent);
        chat.screen().notice(kind.name.substring(1) + " of #" + seq + " stored as #" + done.seq());
    }

    private static String msgId(Chat chat, Target open, long seq) {
        HistoryPage page = Await.result(chat.client().pullHistory(open.conversationId(), seq + 1, 1));
        return page.messages().stream().filter(m -> m.seq() == seq).findFirst()
                .orElseThrow(() -> new CommandException("no message #" + seq + " with " + open.label()))
                .msgId();
    }
}
