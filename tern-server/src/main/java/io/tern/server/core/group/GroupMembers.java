package io.tern.server.core.group;

import io.tern.server.core.message.MembershipChange;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.stream.LongStream;

/**
 * The current members of each group, in memory, for ephemeral notices (typing, reads) and membership checks
 * of READ and TYPING, each list with its version: the seq of the membership change it reflects (stored as
 * {@code conversations.members_seq}). Loaded on first use; this node's writer applies its own changes in
 * commit order, and other nodes' changes invalidate it. Stored messages never use it: each carries the
 * recipients its commit fixed ({@code Appended.recipients}), because this list may be newer than a message.
 * At most {@link #DEFAULT_MAX_GROUPS} groups are cached (the least used are dropped and loaded again when
 * needed), and a group with no members — one that does not exist — is never cached.
 */
public final class GroupMembers {
    private record Entry(long[] members, long version) {
    }

    public static final int DEFAULT_MAX_GROUPS = 10_000;

    private final GroupStore store;
    private final Map<Long, Entry> byGroup;

    public GroupMembers(GroupStore store) {
        this(store, DEFAULT_MAX_GROUPS);
    }

    public GroupMembers(GroupStore store, int maxGroups) {
        this.store = store;
        this.byGroup = Caffeine.newBuilder().maximumSize(maxGroups).<Long, Entry>build().asMap();
    }

    /** Groups cached now. */
    public long cached() {
        return byGroup.size();
    }

    /** The members as cached (loaded if unknown); for notices, where a moment's staleness does no harm. */
    public long[] of(long groupId) {
        return of(groupId, 0);
    }

    /** The members as of version {@code membersSeq} or newer. */
    public long[] of(long groupId, long membersSeq) {
        Entry e = byGroup.get(groupId);
        if (e == null || e.version() < membersSeq) {
            e = remember(groupId, load(groupId));
        }
        return e.members();
    }

    public boolean contains(long groupId, long userId) {
        for (long member : of(groupId)) {
            if (member == userId) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies a change committed at {@code seq}, stored when the members were at version {@code priorVersion};
     * returns the members before it. If the cached list is not exactly that version (another node changed the
     * group, or it is not cached), the list is loaded — it then already includes this change — and the
     * members before are worked out from it.
     */
    public long[] apply(long groupId, MembershipChange change, long priorVersion, long seq) {
        Entry cached = byGroup.get(groupId);
        if (cached != null && cached.version() == priorVersion) {
            long[] after = LongStream.concat(LongStream.of(cached.members()),
                            change.joined().stream().mapToLong(Long::longValue))
                    .filter(u -> !change.left().contains(u)).distinct().sorted().toArray();
            remember(groupId, new Entry(after, seq));
            return cached.members();
        }
        Entry loaded = remember(groupId, load(groupId));
        return LongStream.concat(LongStream.of(loaded.members()), change.left().stream().mapToLong(Long::longValue))
                .filter(u -> !change.joined().contains(u)).distinct().sorted().toArray();
    }

    /** Forgets the cached members of the group; the next use loads them. */
    public void invalidate(long groupId) {
        byGroup.remove(groupId);
    }

    /** Forgets every cached group, after this node may have missed invalidations (Redis was away). */
    public void invalidateAll() {
        byGroup.clear();
    }

    /**
     * Keeps the newer of the cached and the given entry: a slow load must not replace a newer list. An empty
     * list is not kept (an unknown group id must not take a place in the cache), but still replaces an older one.
     */
    private Entry remember(long groupId, Entry entry) {
        Entry kept = byGroup.merge(groupId, entry, (old, neu) -> neu.version() >= old.version() ? neu : old);
        if (kept.members().length == 0) {
            byGroup.remove(groupId, kept);
        }
        return kept;
    }

    /** Reads the version first: if a change commits in between, the list is newer than its version says. */
    private Entry load(long groupId) {
        long version = store.membersSeq(groupId);
        List<Long> ids = store.memberIds(groupId);
        long[] out = ids.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return new Entry(out, version);
    }
}
