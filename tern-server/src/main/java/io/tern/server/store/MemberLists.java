package io.tern.server.store;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;

/**
 * The member list of each busy group as the writer last read it, keyed by the group's {@code members_seq}: the
 * seq of the last change of who is a member, read under the conversation's row lock at the start of every
 * group allocation. A list is reused only while that seq is unchanged, so a change committed by this node or
 * another one is a miss, never a stale hit. Only lists read from committed rows (before the batch writes to the
 * conversation) are remembered: a batch that rolls back cannot leave its own changes here, even though its seqs
 * are handed out again. Used by the one writer at a time (commits are serialized); bounded.
 */
final class MemberLists {
    private record Entry(long membersSeq, long[] members) {
    }

    static final int DEFAULT_MAX_GROUPS = 1_000;

    private final Map<String, Entry> byConversation;

    MemberLists(int maxGroups) {
        this.byConversation = Caffeine.newBuilder().maximumSize(maxGroups).<String, Entry>build().asMap();
    }

    /** The list remembered for this version, or null. Callers must not modify it. */
    long[] get(String conversationId, long membersSeq) {
        Entry e = byConversation.get(conversationId);
        return e != null && e.membersSeq() == membersSeq ? e.members() : null;
    }

    void put(String conversationId, long membersSeq, long[] members) {
        byConversation.put(conversationId, new Entry(membersSeq, members));
    }

    /** Forgets everything: after a failed transaction nothing read inside it is trusted. */
    void clear() {
        byConversation.clear();
    }
}
