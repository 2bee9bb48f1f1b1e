package io.tern.client.cli;

import io.tern.client.UserPage;
import io.tern.client.UserProfile;
import java.util.List;

/**
 * CIM's {@code :pu <prefix>}: users whose username or display name starts with the prefix, with the ids
 * {@code userId;;message} takes.
 */
final class FindUsersCommand implements Command {
    static final int LIMIT = 20;

    @Override
    public List<String> names() {
        return List.of(":pu");
    }

    @Override
    public String usage() {
        return ":pu <prefix>";
    }

    @Override
    public String summary() {
        return "find users by the start of their name (first " + LIMIT + ")";
    }

    @Override
    public void run(String args, Chat chat) {
        String prefix = args.strip();
        if (prefix.isEmpty()) {
            throw CommandException.usage(this);
        }
        UserPage page = Await.result(chat.client().directory().findUsers(prefix, null, LIMIT));
        if (page.users().isEmpty()) {
            chat.screen().notice("no user name starts with \"" + Formatter.clean(prefix) + "\"");
            return;
        }
        int width = page.users().stream().mapToInt(u -> String.valueOf(u.userId()).length()).max().orElse(1);
        StringBuilder out = new StringBuilder(page.users().size() + (page.nextAfter() != null ? "+" : "")
                + " found (id  name):");
        for (UserProfile u : page.users()) {
            out.append("\n  ").append(" ".repeat(width - String.valueOf(u.userId()).length())).append(u.userId())
                    .append("  ").append(Formatter.clean(u.username()));
            if (u.displayName() != null) {
                out.append(" (").append(Formatter.clean(u.displayName())).append(')');
            }
        }
        chat.screen().println(out.toString());
    }
}
