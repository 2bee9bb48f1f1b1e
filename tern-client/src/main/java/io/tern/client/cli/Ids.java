package io.tern.client.cli;

/** Reads the ids users type, with a message that says what was wrong instead of a NumberFormatException. */
final class Ids {
    private Ids() {
    }

    /** A positive id, from {@code 12} or {@code #12}. */
    static long parse(String text, String what) {
        String digits = text.startsWith("#") ? text.substring(1) : text;
        try {
            long id = Long.parseLong(digits);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new CommandException("'" + Formatter.clean(text) + "' is not a " + what);
    }

    static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() < 19 && text.chars().allMatch(Character::isDigit);
    }
}
