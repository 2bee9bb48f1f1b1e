package io.tern.server.core.people;

import java.util.List;
import java.util.Set;

/** Port: who blocked whom. */
public interface BlockStore {
    /** Records the block; false if it was there already. */
    boolean block(long blockerId, long blockedId, long now);

    /** Removes the block; false if there was none. */
    boolean unblock(long blockerId, long blockedId);

    /** The users this user blocked, in id order. */
    List<Long> blockedBy(long blockerId);

    /** Everyone in a block with this user, either way: who sees nothing of them and of whom they see nothing. */
    Set<Long> separated(long userId);
}
