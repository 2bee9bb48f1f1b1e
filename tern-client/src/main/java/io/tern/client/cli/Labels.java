package io.tern.client.cli;

/** Names to show for ids, so that {@link Formatter} needs no lookups of its own. */
interface Labels {
    /** The user's name, or a stand-in such as {@code user 12} if it cannot be found. */
    String user(long userId);

    /** The group's name without the {@code #}, or a stand-in such as {@code group 7}. */
    String group(long groupId);
}
