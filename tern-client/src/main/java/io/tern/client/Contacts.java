package io.tern.client;

import java.util.List;

/** The user's contacts (with presence where their privacy settings allow) and pending requests. */
public record Contacts(List<UserInfo> contacts, List<Long> incoming, List<Long> outgoing) {
    public Contacts {
        contacts = List.copyOf(contacts);
        incoming = List.copyOf(incoming);
        outgoing = List.copyOf(outgoing);
    }
}
