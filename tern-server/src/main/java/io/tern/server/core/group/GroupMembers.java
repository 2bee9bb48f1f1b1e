package io.tern.server.core.group;

import io.tern.server.core.message.MembershipChange;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current members of each group, in memory, for fan-out and typing. Loaded on first use; the writer
 * applies every committed membership change in commit order, so a message is fanned out to exactly the
 * members it was stored for. Applying a change is idempotent, so a load racing a change is harmless.
 */
public final class GroupMembers {
    private final GroupStore store;
    private final Map<Long, long[]> byGroup = new ConcurrentHashMap<>();

    public GroupMembers(GroupStore store) {
        this.store = store;
    }

    public long[] of(long groupId) {
        return byGroup.computeIfAbsent(groupId, this::load);
    }

    public boolean contains(long groupId, long userId) {
        for (long member : of(groupId)) {
            if (member == userId) {
                return true;
            }
        }
        return false;
    }

    /** Applies a committed change; returns the members before it. */
    public long[] apply(long groupId, MembershipChange change) {
        long[] before = of(groupId);
        byGroup.compute(groupId, (id, current) -> {
            Set<Long> next = new HashSet<>();
            for (long m : current == null ? load(id) : current) {
                next.add(m);
            }
            next.addAll(change.joined());
            change.left().forEach(next::remove);
            return next.stream().mapToLong(Long::longValue).sorted().toArray();
        });
        return before;
    }

    private long[] load(long groupId) {
        List<Long> ids = store.memberIds(groupId);
        long[] out = ids.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }
}
