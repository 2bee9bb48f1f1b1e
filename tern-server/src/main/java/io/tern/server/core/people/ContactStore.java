package io.tern.server.core.people;

import java.util.List;
import java.util.Set;

/** Port: contacts (symmetric once accepted) and pending contact requests. */
public interface ContactStore {
    /** What a request did. */
    enum Requested { PENDING, ACCEPTED, ALREADY_CONTACTS }

    /** A request from {@code fromId} to {@code toId}; one the other way already waiting makes them contacts. */
    Requested request(long fromId, long toId, long now);

    /** Accepts the request from {@code fromId}: both become contacts. False if there was none. */
    boolean accept(long userId, long fromId, long now);

    /** Drops the request from {@code fromId} (declined) or, from the sender's side, withdraws it. */
    boolean dropRequest(long fromId, long toId);

    /** Removes the contact both ways. */
    boolean remove(long userId, long contactId);

    List<Long> contacts(long userId);

    Set<Long> contactSet(long userId);

    /**
     * Who may be told live of this user's presence: contacts and the other users of the user's one-to-one
     * conversations, at most {@code limit} of each (docs/people.md: group co-members are not told).
     */
    Set<Long> presenceCandidates(long userId, int limit);

    /** Users waiting for this user's answer. */
    List<Long> incoming(long userId);

    /** Users this user asked. */
    List<Long> outgoing(long userId);
}
