package io.tern.server.core.people;

/** Who sees a user's presence and last-seen, and who is told when they have read a message. */
public record Privacy(Audience presence, Audience receipts) {
    public static final Privacy DEFAULT = new Privacy(Audience.EVERYONE, Audience.EVERYONE);

    /** everyone | contacts | nobody (the user's own devices always see their own state). */
    public enum Audience { EVERYONE, CONTACTS, NOBODY }
}
