package io.tern.client.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what kind of input a line is. Pure text handling, no state: the forms are
 * <ul>
 *   <li>{@code :name args} — a command ({@code :OLU} works too);</li>
 *   <li>{@code @username text} — a private message;</li>
 *   <li>{@code userId;;text} — a private message, CIM's form;</li>
 *   <li>{@code ::text} — text that starts with a colon, sent as {@code :text};</li>
 *   <li>anything else — text for the open conversation.</li>
 * </ul>
 */
final class CommandParser {
    private static final Pattern BY_ID = Pattern.compile("(\\d+);;(.*)", Pattern.DOTALL);

    private CommandParser() {
    }

    /** The invocation the line asks for, or null for a blank line. */
    static Invocation parse(String line) {
        String text = line.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.startsWith("::")) {
            return new Invocation(Invocation.TEXT, text.substring(1));
        }
        if (text.startsWith(":")) {
            String[] parts = text.split("\\s+", 2);
            return new Invocation(parts[0].toLowerCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
        }
        if (text.startsWith("@")) {
            return new Invocation(Invocation.AT, text.substring(1));
        }
        Matcher byId = BY_ID.matcher(text);
        if (byId.matches()) {
            return new Invocation(Invocation.BY_ID, byId.group(1) + " " + byId.group(2).strip());
        }
        return new Invocation(Invocation.TEXT, text);
    }

    /** The args split at the first run of spaces: {@code ["bob", "hello there"]}; the second may be empty. */
    static String[] head(String args) {
        String[] parts = args.strip().split("\\s+", 2);
        return new String[] {parts[0], parts.length > 1 ? parts[1] : ""};
    }

    /** The args as words; none for blank args. */
    static String[] words(String args) {
        String text = args.strip();
        return text.isEmpty() ? new String[0] : text.split("\\s+");
    }
}
