package io.tern.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.client.ConversationInfo;
import io.tern.client.GroupInfo;
import io.tern.client.Message;
import io.tern.client.UserInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the console shows into text. No I/O: names come from {@link Labels}, the time zone and "today"
 * from the clock, so every format is unit-tested. Text that came from other people passes {@link #clean}
 * first, so a message cannot move the cursor or recolour the terminal with escape sequences.
 */
final class Formatter {
    static final int GROUP_EVENT = 100;
    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int PREVIEW = 40;

    private final long me;
    private final Labels labels;
    private final Clock clock;

    Formatter(long me, Labels labels, Clock clock) {
        this.me = me;
        this.labels = labels;
        this.clock = clock;
    }

    /**
     * A message as it arrives: {@code [12:01] bob: hello}, {@code [12:01] you -> bob: hi  [sent #2]},
     * {@code [12:01] #team | bob: hi}. The user's own messages reach the console only once the server has
     * stored them, which is what "sent" and its seq say.
     */
    String message(Message m) {
        return "[" + time(m.ts()) + "] " + body(m, true);
    }

    /** A message of a history page, seq first: {@code #3 [12:01] bob: hello}. */
    String historyLine(Message m) {
        return "#" + m.seq() + " [" + time(m.ts()) + "] " + body(m, false);
    }

    String read(String reader, long seq) {
        return clean(reader) + " has read your messages up to #" + seq;
    }

    String online(List<UserInfo> users) {
        if (users.isEmpty()) {
            return "nobody is online";
        }
        int width = users.stream().mapToInt(u -> String.valueOf(u.userId()).length()).max().orElse(1);
        StringBuilder out = new StringBuilder(users.size() + " online (id  name):");
        for (UserInfo u : users) {
            out.append("\n  ").append(pad(String.valueOf(u.userId()), width)).append("  ").append(clean(u.username()))
                    .append(u.userId() == me ? " (you)" : "");
        }
        return out.toString();
    }

    String groups(List<GroupInfo> groups) {
        if (groups.isEmpty()) {
            return "you are in no group; :create <name> <user>... makes one";
        }
        StringBuilder out = new StringBuilder("your groups (id  name):");
        for (GroupInfo g : groups) {
            out.append("\n  #").append(g.groupId()).append("  ").append(clean(g.name())).append("  (")
                    .append(g.memberCount()).append(g.memberCount() == 1 ? " member" : " members")
                    .append(g.open() ? ", open" : "").append(g.ownerId() == me ? ", yours" : "").append(')');
        }
        return out.toString();
    }

    String unread(List<ConversationInfo> conversations) {
        List<ConversationInfo> unread = conversations.stream().filter(c -> c.unread() > 0).toList();
        if (unread.isEmpty()) {
            return "nothing unread";
        }
        List<String> names = unread.stream().map(c -> label(c.conversationId())).toList();
        int width = names.stream().mapToInt(String::length).max().orElse(1);
        StringBuilder out = new StringBuilder("unread:");
        for (int i = 0; i < unread.size(); i++) {
            ConversationInfo c = unread.get(i);
            out.append("\n  ").append(pad(names.get(i), width)).append("  ").append(c.unread());
            if (c.lastMessage() != null) {
                Message last = c.lastMessage();
                String who = last.fromId() == me ? "you" : clean(labels.user(last.fromId()));
                out.append("  last: ").append(who).append(": ").append(preview(content(last)));
            }
        }
        return out.toString();
    }

    /** {@code bob} for a one-to-one conversation, {@code #team} for a group. */
    String label(String conversationId) {
        long group = Conversations.groupId(conversationId);
        if (group > 0) {
            return "#" + clean(labels.group(group));
        }
        long peer = Conversations.peer(conversationId, me);
        return peer > 0 ? clean(labels.user(peer)) : clean(conversationId);
    }

    static String help(List<Command> commands) {
        int width = commands.stream().mapToInt(c -> c.usage().length()).max().orElse(1);
        StringBuilder out = new StringBuilder("commands:");
        for (Command c : commands) {
            out.append("\n  ").append(pad(c.usage(), width)).append("  ").append(c.summary());
        }
        return out.toString();
    }

    /** Replaces control characters (escape sequences among them) except newline and tab. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(
                Character.isISOControl(c) && c != '\n' && c != '\t' ? '?' : c));
        return out.toString();
    }

    private String body(Message m, boolean live) {
        boolean mine = m.fromId() == me;
        String who = mine ? "you" : clean(labels.user(m.fromId()));
        String sent = mine && live ? "  [sent #" + m.seq() + "]" : "";
        long group = m.groupId() != null ? m.groupId() : Conversations.groupId(m.conversationId());
        if (group > 0) {
            String where = "#" + clean(labels.group(group)) + " | ";
            if (m.contentType() == GROUP_EVENT) {
                return where + "* " + event(m.content().tree(), who);
            }
            return where + who + ": " + content(m) + sent;
        }
        if (mine) {
            return "you -> " + label(m.conversationId()) + ": " + content(m) + sent;
        }
        return who + ": " + content(m);
    }

    private String content(Message m) {
        String text = m.text();
        if (text != null) {
            return clean(text).replace("\n", "\n    ");
        }
        JsonNode c = m.content().tree();
        return switch (m.contentType()) {
            case 2, 3, 4, 5 -> media(c);
            case 6 -> "(location " + c.path("latitude").asText() + ", " + c.path("longitude").asText()
                    + (c.hasNonNull("name") ? " " + clean(c.path("name").asText()) : "") + ")";
            case 7 -> "(" + clean(c.path("app").asText()) + " data)";
            case GROUP_EVENT -> "(group event)";
            case 20 -> "(edited a message: " + clean(c.path("body").asText()) + ")";
            case 21 -> "(recalled a message)";
            case 22 -> "(" + (c.path("remove").asBoolean() ? "took back " : "reacted ") + clean(c.path("emoji").asText())
                    + ")";
            case 120 -> "(message recalled)";
            default -> "(content of type " + m.contentType() + ")";
        };
    }

    /** "(image cat.png 640x480, 20480 bytes) caption  [:save-file ID]": what it is and how to fetch it. */
    private String media(JsonNode c) {
        String kind = switch (c.path("contentType").asInt()) {
            case 2 -> "image";
            case 4 -> "voice";
            case 5 -> "video";
            default -> "file";
        };
        if (!c.hasNonNull("mediaId")) {
            return "(" + kind + ")";
        }
        String size = c.path("width").asInt() > 0 ? " " + c.path("width").asInt() + "x" + c.path("height").asInt() : "";
        String caption = c.hasNonNull("caption") ? " " + clean(c.path("caption").asText()) : "";
        return "(" + kind + " " + clean(c.path("name").asText("file")) + size + ", " + c.path("size").asLong()
                + " bytes)" + caption + "  [:save-file " + clean(c.path("mediaId").asText()) + "]";
    }

    /** A group's membership change, as the server records it: {@code {"event":"added","userIds":[..]}}. */
    private String event(JsonNode event, String actor) {
        long actorId = event.path("actorId").asLong();
        List<String> users = new ArrayList<>();
        event.path("userIds").forEach(id -> {
            if (id.asLong() != actorId) {
                users.add(id.asLong() == me ? "you" : clean(labels.user(id.asLong())));
            }
        });
        String who = String.join(", ", users);
        String name = event.path("event").asText();
        return switch (name) {
            case "created" -> actor + " created the group" + (users.isEmpty() ? "" : " with " + who);
            case "added" -> actor + " added " + who;
            case "joined" -> actor + " joined";
            case "left" -> actor + " left";
            case "removed" -> actor + (event.path("banned").asBoolean() ? " removed and banned " : " removed ") + who;
            case "renamed" -> actor + " renamed the group to " + clean(event.path("name").asText());
            case "updated" -> actor + " changed the group's " + String.join(", ", settings(event));
            case "roleChanged" -> actor + " made " + who + " " + clean(event.path("role").asText());
            case "muted" -> actor + (event.path("muted").asBoolean() ? " muted " : " unmuted ") + who
                    + (event.has("mutedUntil") ? " until " + time(event.path("mutedUntil").asLong()) : "");
            case "ownerChanged" -> actor + " handed the group to " + who;
            case "banned" -> actor + " banned " + who;
            case "unbanned" -> actor + " unbanned " + who;
            case "dissolved" -> actor + " dissolved the group";
            default -> actor + ": " + clean(name) + (users.isEmpty() ? "" : " " + who);
        };
    }

    /** The settings an "updated" event names, with their new values. */
    private static List<String> settings(JsonNode event) {
        List<String> out = new ArrayList<>();
        for (String key : List.of("name", "description", "open", "adminsOnly")) {
            if (event.has(key)) {
                out.add(key + " to " + clean(event.path(key).asText()));
            }
        }
        return out;
    }

    private String time(long ts) {
        ZonedDateTime at = Instant.ofEpochMilli(ts).atZone(clock.getZone());
        return (at.toLocalDate().equals(LocalDate.now(clock)) ? TODAY : EARLIER).format(at);
    }

    private static String preview(String text) {
        String line = text.replace("\n    ", " ");
        return line.length() <= PREVIEW ? line : line.substring(0, PREVIEW - 3) + "...";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
