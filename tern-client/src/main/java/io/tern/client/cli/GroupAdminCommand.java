package io.tern.client.cli;

import io.tern.client.GroupAdmin;
import io.tern.client.GroupInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code :group <action> ...}: runs the open group (docs/groups.md) — its settings, mutes with an end, bans,
 * invite links and dissolve. Each action is a small entry of a table; the server decides who may do what.
 */
final class GroupAdminCommand implements Command {
    /** One action: its arguments after the action word. */
    @FunctionalInterface
    private interface Action {
        String run(String[] args, GroupAdmin admin, Chat chat);
    }

    private final Map<String, Action> actions = new LinkedHashMap<>();

    GroupAdminCommand() {
        actions.put("info", (a, admin, chat) -> info(chat));
        actions.put("describe", (a, admin, chat) -> seq(Await.result(admin.update(null, String.join(" ", a), null, null))));
        actions.put("admins-only", (a, admin, chat) -> seq(Await.result(admin.update(null, null, null, onOff(a)))));
        actions.put("mute", (a, admin, chat) -> seq(Await.result(admin.mute(user(a, chat), until(a)))));
        actions.put("unmute", (a, admin, chat) -> seq(Await.result(admin.unmute(user(a, chat)))));
        actions.put("ban", (a, admin, chat) -> seq(Await.result(admin.ban(user(a, chat)))));
        actions.put("unban", (a, admin, chat) -> seq(Await.result(admin.unban(user(a, chat)))));
        actions.put("invite", (a, admin, chat) -> invite(a, admin));
        actions.put("dissolve", (a, admin, chat) -> seq(Await.result(admin.dissolve())));
    }

    @Override
    public List<String> names() {
        return List.of(":group");
    }

    @Override
    public String usage() {
        return ":group info | describe <text> | admins-only on|off | mute <user> [minutes] | unmute <user> "
                + "| ban <user> | unban <user> | invite [maxUses] [minutes] | dissolve";
    }

    @Override
    public String summary() {
        return "run the open group (admins; dissolve: the owner); ':join <code>' joins by an invite";
    }

    @Override
    public void run(String args, Chat chat) {
        String[] words = CommandParser.words(args);
        Action action = words.length == 0 ? null : actions.get(words[0]);
        Target open = chat.open();
        if (action == null) {
            throw CommandException.usage(this);
        }
        if (open == null || !open.group()) {
            throw new CommandException("open a group first (':open #name')");
        }
        String[] rest = java.util.Arrays.copyOfRange(words, 1, words.length);
        chat.screen().notice(action.run(rest, chat.directory().groupAdmin(open.id()), chat));
    }

    private static String info(Chat chat) {
        GroupInfo g = Await.result(chat.directory().group(chat.open().id()));
        return "#" + Formatter.clean(g.name()) + " (id " + g.groupId() + ", " + g.memberCount() + " members"
                + (g.open() ? ", open" : "") + (g.adminsOnly() ? ", only admins post" : "") + ")"
                + (g.description().isEmpty() ? "" : ": " + Formatter.clean(g.description()));
    }

    private static String invite(String[] a, GroupAdmin admin) {
        Integer maxUses = a.length > 0 ? (int) Ids.parse(a[0], "maxUses") : null;
        Instant expires = a.length > 1 ? Instant.now().plus(Duration.ofMinutes(Ids.parse(a[1], "minutes"))) : null;
        GroupAdmin.Invite invite = Await.result(admin.createInvite(expires, maxUses));
        return "invite code " + invite.code() + " (':join " + invite.code() + "')";
    }

    private static String seq(long seq) {
        return seq > 0 ? "done (event #" + seq + ")" : "nothing to change";
    }

    private static long user(String[] a, Chat chat) {
        if (a.length == 0) {
            throw new CommandException("name a user");
        }
        Target target = chat.resolve(a[0]);
        if (target.group()) {
            throw new CommandException("name a user, not a group");
        }
        return target.id();
    }

    private static Instant until(String[] a) {
        return a.length > 1 ? Instant.now().plus(Duration.ofMinutes(Ids.parse(a[1], "minutes"))) : null;
    }

    private static Boolean onOff(String[] a) {
        if (a.length == 1 && (a[0].equals("on") || a[0].equals("off"))) {
            return a[0].equals("on");
        }
        throw new CommandException("say 'on' or 'off'");
    }
}
