package io.tern.server.core.people;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import java.time.Clock;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Contact requests and the contact list. A request to someone who already asked you makes you contacts at
 * once. A request from a user the target blocked is answered as pending and stored nowhere: the blocked user
 * is not told (docs/people.md).
 */
public final class Contacts {
    private final ContactStore store;
    private final Blocks blocks;
    private final LongPredicate userExists;
    private final Clock clock;
    private final PeopleChanges changes;

    /** {@code changes} is told of every contact made or removed, once it is stored. */
    public Contacts(ContactStore store, Blocks blocks, LongPredicate userExists, Clock clock, PeopleChanges changes) {
        this.store = store;
        this.blocks = blocks;
        this.userExists = userExists;
        this.clock = clock;
        this.changes = changes;
    }

    public ContactStore.Requested request(long userId, long targetId) {
        if (targetId == userId) {
            throw new TernException(ErrorCode.INVALID_FIELD, "you cannot add yourself");
        }
        if (!userExists.test(targetId)) {
            throw new TernException(ErrorCode.NO_SUCH_USER, "no user with id " + targetId);
        }
        if (blocks.blockedBy(userId).contains(targetId)) {
            throw new TernException(ErrorCode.USER_BLOCKED, "you blocked user " + targetId + "; unblock them first");
        }
        if (blocks.separated(userId).contains(targetId)) {
            return ContactStore.Requested.PENDING; // the target blocked the requester, who must not learn it
        }
        ContactStore.Requested result = store.request(userId, targetId, clock.millis());
        if (result == ContactStore.Requested.ACCEPTED) {
            changes.between(userId, targetId);
        }
        return result;
    }

    /** NO_SUCH_USER if no request from {@code fromId} is waiting. */
    public void accept(long userId, long fromId) {
        if (!store.accept(userId, fromId, clock.millis())) {
            throw new TernException(ErrorCode.NO_SUCH_USER, "no contact request from user " + fromId);
        }
        changes.between(userId, fromId);
    }

    /** Declines a request to the user, or withdraws one of theirs; idempotent. */
    public void drop(long userId, long otherId) {
        store.dropRequest(otherId, userId);
        store.dropRequest(userId, otherId);
    }

    public void remove(long userId, long contactId) {
        if (store.remove(userId, contactId)) {
            changes.between(userId, contactId);
        }
    }

    public List<Long> contacts(long userId) {
        return store.contacts(userId);
    }

    public List<Long> incoming(long userId) {
        return store.incoming(userId);
    }

    public List<Long> outgoing(long userId) {
        return store.outgoing(userId);
    }
}
