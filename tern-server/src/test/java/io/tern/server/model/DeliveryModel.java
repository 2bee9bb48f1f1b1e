package io.tern.server.model;

import io.tern.protocol.ChatPush;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference model of the delivery contract: per conversation the committed messages in seq order (seq
 * i is element i-1, so seqs are gapless by construction), per user the membership windows, per group the
 * members, their join seqs and the owner. It only records what was committed and answers who may see what;
 * it never talks to the server.
 */
final class DeliveryModel {
    /** See {@link Target#pushesMaySkip}: then a skipped push is fine as long as the device pulls the gap. */
    boolean pushesMaySkip;

    static final long OPEN = Long.MAX_VALUE;

    /** A committed message. {@code body} is null for a group event; its {@code msgId} is learnt when first seen. */
    static final class Msg {
        final String conv;
        final long seq;
        final long fromId;
        final String clientMsgId;
        final String body;
        final Set<String> events;
        final int epoch;
        String msgId;
        Long ts;

        Msg(String conv, long seq, long fromId, String clientMsgId, String body, Set<String> events, int epoch) {
            this.conv = conv;
            this.seq = seq;
            this.fromId = fromId;
            this.clientMsgId = clientMsgId;
            this.body = body;
            this.events = events;
            this.epoch = epoch;
        }

        /** Null if the observed message is this one; else what differs. Learns the msgId of an event. */
        String mismatch(ChatPush p) {
            if (msgId == null && body == null) {
                msgId = p.msgId();
            }
            String event = p.content().tree().path("event").asText(null);
            if (!p.msgId().equals(msgId)) {
                return "msgId " + p.msgId() + " but the model has " + msgId;
            }
            if (body != null && (p.fromId() != fromId || !clientMsgId.equals(p.clientMsgId())
                    || !body.equals(p.content().tree().path("body").asText(null)))) {
                return "content " + p.content() + " from " + p.fromId() + " but the model has '" + body + "' from " + fromId;
            }
            if (body == null && (event == null || !events.contains(event))) {
                return "content " + p.content() + " but the model expects one of the events " + events;
            }
            return null;
        }

        @Override
        public String toString() {
            return conv + "#" + seq + (body != null ? " '" + body + "' from u" + fromId : " event " + events);
        }
    }

    /** A conversation: its messages and, per user, the windows [from, to] of seqs they may see. */
    static final class Conv {
        final String id;
        final boolean open;
        final List<Msg> msgs = new ArrayList<>();
        final Map<Long, List<long[]>> windows = new HashMap<>();
        final Map<Long, Long> members = new LinkedHashMap<>(); // groups: user -> joinedSeq
        Long owner;

        Conv(String id, boolean open) {
            this.id = id;
            this.open = open;
        }

        long last() {
            return msgs.size();
        }

        boolean isGroup() {
            return id.startsWith("g:");
        }

        long groupId() {
            return Long.parseLong(id.substring(2));
        }
    }

    private final Map<String, Conv> convs = new LinkedHashMap<>();
    private final Map<String, Msg> byKey = new HashMap<>();

    static String direct(long a, long b) {
        return "p:" + Math.min(a, b) + ":" + Math.max(a, b);
    }

    Conv addConv(String id, boolean open) {
        return convs.computeIfAbsent(id, k -> new Conv(id, open));
    }

    Conv conv(String id) {
        return convs.get(id);
    }

    List<String> convIds() {
        return List.copyOf(convs.keySet());
    }

    Msg msg(String conv, long seq) {
        Conv c = convs.get(conv);
        return c == null || seq < 1 || seq > c.last() ? null : c.msgs.get((int) seq - 1);
    }

    Msg byKey(long senderId, String clientMsgId) {
        return byKey.get(senderId + "/" + clientMsgId);
    }

    List<Msg> chatsOf(long senderId) {
        return byKey.values().stream().filter(m -> m.fromId == senderId)
                .sorted((a, b) -> a.clientMsgId.compareTo(b.clientMsgId)).toList();
    }

    boolean isMember(String conv, long user) {
        Conv c = convs.get(conv);
        return c != null && (c.isGroup() ? c.members : c.windows).containsKey(user);
    }

    /** The seq is inside one of the user's windows (every window counts, DESIGN 4.7). */
    boolean allowed(long user, String conv, long seq) {
        Conv c = convs.get(conv);
        for (long[] w : c == null ? List.<long[]>of() : c.windows.getOrDefault(user, List.of())) {
            if (seq >= w[0] && seq <= w[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The seq is committed and inside one of the user's windows: catch-up must deliver it (protocol 8.3: a user
     * who rejoins keeps every window, and sees nothing in the gaps between them).
     */
    boolean required(long user, String conv, long seq) {
        Conv c = convs.get(conv);
        return c != null && seq <= c.last() && allowed(user, conv, seq);
    }

    /** The seq lies in a gap between two of the user's windows: a client skips it, the server never sends it. */
    boolean betweenWindows(long user, String conv, long seq) {
        Conv c = convs.get(conv);
        if (c == null || allowed(user, conv, seq)) {
            return false;
        }
        for (long[] w : c.windows.getOrDefault(user, List.of())) {
            if (w[0] > seq) {
                return true;
            }
        }
        return false;
    }

    /** The first seq the user may see (the start of their first window), or 0 if never a member. */
    long firstVisible(long user, String conv) {
        Conv c = convs.get(conv);
        List<long[]> ws = c == null ? null : c.windows.get(user);
        return ws == null || ws.isEmpty() ? 0 : ws.get(0)[0];
    }

    /** How many seqs in {@code (after, upTo]} the user may see. */
    long visibleCount(long user, String conv, long after, long upTo) {
        long n = 0;
        for (long s = after + 1; s <= upTo; s++) {
            n += allowed(user, conv, s) ? 1 : 0;
        }
        return n;
    }

    long[] latest(long user, String conv) {
        Conv c = convs.get(conv);
        List<long[]> ws = c == null ? null : c.windows.get(user);
        return ws == null || ws.isEmpty() ? null : ws.get(ws.size() - 1);
    }

    /** The newest seq the user may see: the conversation's last, or the seq of their leave; 0 if never a member. */
    long lastVisible(long user, String conv) {
        long[] w = latest(user, conv);
        return w == null ? 0 : Math.min(w[1], convs.get(conv).last());
    }

    /** Null if the user may see this message as observed; else what is wrong with it. */
    String judge(long user, ChatPush p) {
        Msg m = msg(p.conversationId(), p.seq());
        if (m == null) {
            Conv c = convs.get(p.conversationId());
            return p + ": no such message in the model (last seq " + (c == null ? "-" : c.last()) + ")";
        }
        if (!allowed(user, p.conversationId(), p.seq())) {
            return m + " outside the user's membership windows " + windowsText(user, p.conversationId());
        }
        String bad = m.mismatch(p);
        return bad == null ? null : p.conversationId() + "#" + p.seq() + ": " + bad;
    }

    /** The user's windows as text, e.g. [[1..4], [7..]]. */
    String windowsText(long user, String conv) {
        Conv c = convs.get(conv);
        List<String> out = new ArrayList<>();
        for (long[] w : c == null ? List.<long[]>of() : c.windows.getOrDefault(user, List.of())) {
            out.add("[" + w[0] + ".." + (w[1] == OPEN ? "" : w[1]) + "]");
        }
        return out.toString();
    }

    /** Records a chat at exactly the next seq of its conversation; a direct conversation opens for both users. */
    Msg commitChat(String conv, long seq, long from, String clientMsgId, String body, int epoch) {
        Conv c = convs.get(conv);
        expectNext(c, seq, "chat '" + body + "'");
        Msg m = new Msg(conv, seq, from, clientMsgId, body, Set.of(), epoch);
        c.msgs.add(m);
        byKey.put(from + "/" + clientMsgId, m);
        if (!c.isGroup() && c.windows.isEmpty()) {
            for (String part : conv.substring(2).split(":")) {
                c.windows.put(Long.parseLong(part), new ArrayList<>(List.of(new long[] {1, OPEN})));
            }
        }
        return m;
    }

    /** Records a group event at the next seq: joiners get a new window from it, leavers' windows end at it. */
    Msg commitEvent(String conv, long seq, long actor, Set<String> events, List<Long> joined, List<Long> left, int epoch) {
        Conv c = convs.get(conv);
        expectNext(c, seq, "event " + events);
        Msg m = new Msg(conv, seq, actor, null, null, events, epoch);
        c.msgs.add(m);
        for (long u : joined) {
            c.windows.computeIfAbsent(u, k -> new ArrayList<>()).add(new long[] {seq, OPEN});
            c.members.put(u, seq - 1);
        }
        for (long u : left) {
            List<long[]> ws = c.windows.get(u);
            ws.set(ws.size() - 1, new long[] {ws.get(ws.size() - 1)[0], seq});
            c.members.remove(u);
            if (c.owner != null && c.owner == u) {
                // no admins in this model: the member with the lowest joinedSeq inherits, ties to the lowest id
                c.owner = c.members.entrySet().stream()
                        .min(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                        .map(Map.Entry::getKey).orElse(null);
            }
        }
        return m;
    }

    private static void expectNext(Conv c, long seq, String what) {
        if (seq != c.last() + 1) {
            throw new AssertionError(what + " in " + c.id + " got seq " + seq + " but the next seq is " + (c.last() + 1));
        }
    }
}
