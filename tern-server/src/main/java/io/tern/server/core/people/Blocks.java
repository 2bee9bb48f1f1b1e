package io.tern.server.core.people;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Blocking. A block separates two users both ways for everything that is between the two of them: the writer
 * refuses direct messages either way inside its commit (store.DirectBlocks); presence, last-seen, typing and
 * read receipts of one never reach the other. The blocked user is not told: their sends fail with the same
 * RECIPIENT_REFUSED a recipient's other refusals give. Groups are shared rooms and are not filtered, except
 * for typing notices and read receipts.
 */
public final class Blocks {
    /** No blocks at all: for tests and wiring that has no store. */
    public static final Blocks NONE = new Blocks(null, null, null);

    private final BlockStore store;
    private final LongPredicate userExists;
    private final Clock clock;
    private final PeopleChanges changes;

    public Blocks(BlockStore store, LongPredicate userExists, Clock clock) {
        this(store, userExists, clock, PeopleChanges.NONE);
    }

    /** {@code changes} is told of every block and unblock once it is stored. */
    public Blocks(BlockStore store, LongPredicate userExists, Clock clock, PeopleChanges changes) {
        this.store = store;
        this.userExists = userExists;
        this.clock = clock;
        this.changes = changes;
    }

    public void block(long userId, long targetId) {
        if (targetId == userId) {
            throw new TernException(ErrorCode.INVALID_FIELD, "you cannot block yourself");
        }
        if (!userExists.test(targetId)) {
            throw new TernException(ErrorCode.NO_SUCH_USER, "no user with id " + targetId);
        }
        store.block(userId, targetId, clock.millis());
        changes.between(userId, targetId);
    }

    public void unblock(long userId, long targetId) {
        store.unblock(userId, targetId);
        changes.between(userId, targetId);
    }

    public List<Long> blockedBy(long userId) {
        return store.blockedBy(userId);
    }

    /** Everyone in a block with the user, either way (empty without a store). Blocking: call off the I/O threads. */
    public Set<Long> separated(long userId) {
        return store == null ? Set.of() : store.separated(userId);
    }
}
