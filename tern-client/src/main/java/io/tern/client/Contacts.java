package io.tern.client;

import java.util.List;

/**
 * The user's contacts (with presence where their privacy settings allow) and pending requests; {@code names} holds
 * the usernames of the users in the requests.
 */
public record Contacts(List<UserInfo> contacts, List<Long> incoming, List<Long> outgoing,
                       java.util.Map<Long, String> names) {
    public Contacts {
        contacts = List.copyOf(contacts);
        incoming = List.copyOf(incoming);
        outgoing = List.copyOf(outgoing);
        names = java.util.Map.copyOf(names);
    }

    public Contacts(List<UserInfo> contacts, List<Long> incoming, List<Long> outgoing) {
        this(contacts, incoming, outgoing, java.util.Map.of());
    }

    /** The username of a contact or of a user with a pending request (the server names them), else {@code user <id>}. */
    public String nameOf(long userId) {
        for (UserInfo u : contacts) {
            if (u.userId() == userId) {
                return u.username();
            }
        }
        return names.getOrDefault(userId, "user " + userId);
    }
}
