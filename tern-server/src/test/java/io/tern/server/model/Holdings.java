package io.tern.server.model;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a device holds, as a client stores it (protocol 7.7): per conversation the msgId at each seq it has, and
 * {@code last}, the highest seq up to which it holds everything it may see (seqs between two of its user's
 * windows count as held: nobody may send them).
 */
final class Holdings {
    /** Seqs of a conversation the device skips: they lie between two of its user's membership windows. */
    interface Skippable {
        boolean test(String conv, long seq);
    }

    final Map<String, Long> last = new HashMap<>();
    private final Skippable skippable;
    private final Map<String, TreeMap<Long, String>> held = new HashMap<>();

    Holdings(Skippable skippable) {
        this.skippable = skippable;
    }

    long last(String conv) {
        return last.getOrDefault(conv, 0L);
    }

    /** The msgId held at the seq, or null. */
    String at(String conv, long seq) {
        TreeMap<Long, String> h = held.get(conv);
        return h == null ? null : h.get(seq);
    }

    /** Messages held beyond {@code last}: a gap lies before them. */
    boolean hasGap(String conv) {
        TreeMap<Long, String> h = held.get(conv);
        return h != null && !h.tailMap(last(conv), false).isEmpty();
    }

    long firstAhead(String conv) {
        return held.get(conv).tailMap(last(conv), false).firstKey();
    }

    /** The server says nothing before {@code seq} + 1 is visible (a page starting at a window start). */
    void skipTo(String conv, long seq) {
        last.put(conv, Math.max(last(conv), seq));
        store(conv, -1, null);
    }

    void store(String conv, long seq, String msgId) {
        TreeMap<Long, String> h = held.computeIfAbsent(conv, k -> new TreeMap<>());
        if (msgId != null) {
            h.putIfAbsent(seq, msgId);
        }
        long l = last(conv);
        while (h.containsKey(l + 1) || skippable.test(conv, l + 1)) {
            l++;
        }
        last.put(conv, l);
    }
}
