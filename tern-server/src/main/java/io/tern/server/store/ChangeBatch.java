package io.tern.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.FrameCodec;
import io.tern.server.core.group.Role;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.kind.Change;
import io.tern.server.core.message.kind.MessageKind;
import io.tern.server.core.message.kind.References;
import io.tern.server.core.message.kind.Target;
import io.tern.server.core.message.kind.Verdict;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The change events (edit, recall, reaction) of one batch, decided in draft order by their kind against the
 * target as this batch left it: a recall and an edit of the same message in one batch are decided one after the
 * other, never both against the state before. The conversation row is locked before a target is read. After the
 * inserts, {@link #write} stores the targets' new content and state and, for a recall, drops the target's media
 * references and the text of the earlier events about it.
 */
final class ChangeBatch {
    private static final String LOAD = "SELECT seq, sender_id, ts, content, state, control FROM messages "
            + "WHERE msg_id = ? AND conversation_id = ?";
    private static final String VISIBLE = "SELECT 1 FROM member_windows WHERE conversation_id = ? AND user_id = ? "
            + "AND joined_seq < ? AND (left_seq IS NULL OR left_seq >= ?)";

    /** A target and the conversation it is in. */
    private record Changed(String conversationId, Target target) {
    }

    /** What an accepted event did: its target's seq, whether it recalled it, whose alone it is (0: everyone's). */
    private record Decided(String conversationId, long targetSeq, boolean recall, long personalTo) {
    }

    private final Statements st;
    private final long now;
    private final Recipients recipients;
    /** By msgId: each target as the batch's accepted events left it. */
    private final Map<String, Changed> targets = new HashMap<>();
    private final Map<String, Changed> touched = new LinkedHashMap<>();
    /** By draft index. */
    private final Map<Integer, Decided> decided = new HashMap<>();
    /** By draft index: the users an accepted message mentions (0: everyone). */
    private final Map<Integer, java.util.List<Long>> mentions = new HashMap<>();

    ChangeBatch(Statements st, long now, Recipients recipients) {
        this.st = st;
        this.now = now;
        this.recipients = recipients;
    }

    /**
     * Decides draft {@code index}, a change event by a current member ({@code role} null one-to-one); the caller
     * holds the conversation's row lock. Returns the refusal, or null when accepted (the draft then gets a seq).
     */
    Appended decide(String conversationId, int index, Draft d, Role role) throws SQLException {
        return d.kind() != null ? change(conversationId, index, d, role) : references(conversationId, index, d, role);
    }

    /** Whether {@link #decide} has anything to decide for this draft (else it is not called). */
    static boolean concerns(Draft d) {
        return d.kind() != null || d.command() == null && References.mayCarry(d.content());
    }

    /** An ordinary message that replies or mentions: the reply's target must be one the sender sees. */
    private Appended references(String conversationId, int index, Draft d, Role role) throws SQLException {
        JsonNode content = parse(d.content());
        String[] forwarded = References.forwardOf(content);
        if (forwarded != null) {
            // a forward is the source as it stands: its reply and mentions belong to the source's conversation
            Changed source = target(forwarded[0], forwarded[1], d.senderId());
            if (source == null) {
                return Appended.refused(ErrorCode.NO_SUCH_MESSAGE, "no message " + forwarded[1] + " you can see in "
                        + forwarded[0] + " to forward");
            }
            Verdict v = References.forward(source.target(), content);
            return v == null ? null : Appended.refused(v.refusal(), v.reason());
        }
        Verdict all = References.mentionAll(content, role);
        if (all != null) {
            return Appended.refused(all.refusal(), all.reason());
        }
        String replyTo = References.replyTo(content);
        if (replyTo != null) {
            Changed target = target(conversationId, replyTo, d.senderId());
            if (target == null) {
                return Appended.refused(ErrorCode.NO_SUCH_MESSAGE, "no message " + replyTo + " you can see in "
                        + conversationId + " to reply to");
            }
            Verdict v = References.reply(target.target());
            if (v != null) {
                return Appended.refused(v.refusal(), v.reason());
            }
        }
        java.util.List<Long> named = References.mentioned(content);
        if (!named.isEmpty()) {
            mentions.put(index, named);
        }
        return null;
    }

    /** The message {@code msgId} as this batch left it, if it is in the conversation and the user sees it. */
    private Changed target(String conversationId, String msgId, long userId) throws SQLException {
        Changed known = targets.get(msgId);
        if (known == null) {
            known = load(conversationId, msgId);
            if (known != null) {
                targets.put(msgId, known);
            }
        }
        return known == null || !known.conversationId().equals(conversationId)
                || !visible(conversationId, userId, known.target().seq()) ? null : known;
    }

    private Appended change(String conversationId, int index, Draft d, Role role) throws SQLException {
        JsonNode event = parse(d.content());
        String msgId = MessageKind.target(event);
        Changed known = target(conversationId, msgId, d.senderId());
        if (known == null) {
            return Appended.refused(ErrorCode.NO_SUCH_MESSAGE, "no message " + msgId + " you can see in "
                    + conversationId);
        }
        Target t = known.target();
        Verdict verdict = d.kind().decide(new Change(d.senderId(), role, now, event, t));
        if (!verdict.accepted()) {
            return Appended.refused(verdict.refusal(), verdict.reason());
        }
        if (verdict.content() != null) {
            Changed after = new Changed(conversationId, new Target(t.msgId(), t.seq(), t.senderId(), t.ts(),
                    verdict.content(), verdict.state(), t.control()));
            targets.put(msgId, after);
            touched.put(msgId, after);
        }
        decided.put(index, new Decided(conversationId, t.seq(), verdict.recall(),
                d.kind().personal() ? d.senderId() : 0));
        return null;
    }

    /** The only user who may see the accepted event at {@code index} (delete for me), or null. */
    Long personalTo(int index) {
        Decided d = decided.get(index);
        return d == null || d.personalTo() == 0 ? null : d.personalTo();
    }

    /** The seq of the message an accepted event at {@code index} changes, or null for any other draft. */
    Long refSeq(int index) {
        Decided d = decided.get(index);
        return d == null ? null : d.targetSeq();
    }

    /**
     * The recipients of draft {@code index} given those of its seq: an event about a message reaches only the
     * members who can see that message, so a newcomer never learns the new text of one from before they joined.
     */
    long[] recipients(int index, long[] atItsSeq) throws SQLException {
        Decided d = decided.get(index);
        if (d != null && d.personalTo() != 0) {
            return new long[] {d.personalTo()};
        }
        if (d == null || ConversationIds.groupId(d.conversationId()) == null) {
            return atItsSeq;
        }
        long[] sawTarget = recipients.at(d.conversationId(), d.targetSeq());
        return LongStream.of(atItsSeq).filter(u -> java.util.Arrays.binarySearch(sawTarget, u) >= 0).toArray();
    }

    /**
     * The recipients of a stored message when it is resent: those of its seq, narrowed for a change event as when
     * it was first stored (its sender alone for a personal one; those who saw its target in a group).
     */
    static long[] recipientsOf(Recipients recipients, io.tern.server.core.message.Message m, Long refSeq,
                               Long personalTo) throws SQLException {
        if (personalTo != null) {
            return new long[] {personalTo};
        }
        long[] atItsSeq = recipients.at(m.conversationId(), m.seq());
        if (refSeq == null || ConversationIds.groupId(m.conversationId()) == null) {
            return atItsSeq;
        }
        long[] sawTarget = recipients.at(m.conversationId(), refSeq);
        return LongStream.of(atItsSeq).filter(u -> java.util.Arrays.binarySearch(sawTarget, u) >= 0).toArray();
    }

    /** After the batch's inserts: the targets' new content and state; what a recall takes away. */
    void write(Appended[] results) throws SQLException {
        writeMentions(results);
        writeHidden(results);
        if (touched.isEmpty()) {
            return;
        }
        PreparedStatement update = st.get("UPDATE messages SET content = ?, state = ? WHERE conversation_id = ? AND seq = ?");
        for (Changed c : touched.values()) {
            update.setString(1, c.target().content().toString());
            update.setString(2, c.target().state().isEmpty() ? null : c.target().state().toString());
            update.setString(3, c.conversationId());
            update.setLong(4, c.target().seq());
            update.addBatch();
        }
        update.executeBatch();
        for (Changed c : touched.values()) { // an edit is found by its new text, a recalled message by none
            SearchIndex.replace(st, c.conversationId(), c.target().seq(), c.target().content().toString());
        }
        for (Map.Entry<Integer, Decided> e : decided.entrySet()) {
            Appended a = results[e.getKey()];
            if (e.getValue().recall() && a != null && a.outcome() == Appended.Outcome.STORED) {
                forget(e.getValue(), a.message().seq());
            }
        }
    }

    /** Delete for me: the target leaves the actor's pages (and the event stays theirs). */
    private void writeHidden(Appended[] results) throws SQLException {
        PreparedStatement insert = null;
        for (Map.Entry<Integer, Decided> e : decided.entrySet()) {
            Appended a = results[e.getKey()];
            if (e.getValue().personalTo() == 0 || a == null || a.outcome() != Appended.Outcome.STORED) {
                continue;
            }
            if (insert == null) {
                insert = st.get("INSERT INTO hidden_messages (user_id, conversation_id, seq) VALUES (?, ?, ?) "
                        + "ON CONFLICT DO NOTHING");
            }
            insert.setLong(1, e.getValue().personalTo());
            insert.setString(2, e.getValue().conversationId());
            insert.setLong(3, e.getValue().targetSeq());
            insert.addBatch();
        }
        if (insert != null) {
            insert.executeBatch();
        }
    }

    private void writeMentions(Appended[] results) throws SQLException {
        if (mentions.isEmpty()) {
            return;
        }
        PreparedStatement insert = st.get("INSERT INTO mentions (conversation_id, seq, user_id) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING");
        for (Map.Entry<Integer, java.util.List<Long>> e : mentions.entrySet()) {
            Appended a = results[e.getKey()];
            if (a == null || a.outcome() != Appended.Outcome.STORED) {
                continue;
            }
            for (long user : e.getValue()) {
                insert.setString(1, a.message().conversationId());
                insert.setLong(2, a.message().seq());
                insert.setLong(3, user);
                insert.addBatch();
            }
        }
        insert.executeBatch();
    }

    /**
     * A recalled message keeps nothing: its media may no longer be downloaded through it, and the events about it
     * before the recall keep only their type and target (an edit's text would otherwise outlive the recall).
     */
    private void forget(Decided recall, long recallSeq) throws SQLException {
        PreparedStatement refs = st.get("DELETE FROM media_refs WHERE conversation_id = ? AND seq = ?");
        refs.setString(1, recall.conversationId());
        refs.setLong(2, recall.targetSeq());
        refs.executeUpdate();
        PreparedStatement mentioned = st.get("DELETE FROM mentions WHERE conversation_id = ? AND seq = ?");
        mentioned.setString(1, recall.conversationId());
        mentioned.setLong(2, recall.targetSeq());
        mentioned.executeUpdate();
        PreparedStatement events = st.get("SELECT seq, content FROM messages WHERE conversation_id = ? AND ref_seq = ? "
                + "AND seq < ?");
        events.setString(1, recall.conversationId());
        events.setLong(2, recall.targetSeq());
        events.setLong(3, recallSeq);
        Map<Long, String> scrubbed = new LinkedHashMap<>();
        try (ResultSet rs = events.executeQuery()) {
            while (rs.next()) {
                JsonNode event = parse(rs.getString(2));
                ObjectNode kept = FrameCodec.mapper().createObjectNode();
                kept.set("contentType", event.get("contentType"));
                kept.set("target", event.get("target"));
                scrubbed.put(rs.getLong(1), kept.toString());
            }
        }
        if (scrubbed.isEmpty()) {
            return;
        }
        PreparedStatement scrub = st.get("UPDATE messages SET content = ? WHERE conversation_id = ? AND seq = ?");
        for (Map.Entry<Long, String> e : scrubbed.entrySet()) {
            scrub.setString(1, e.getValue());
            scrub.setString(2, recall.conversationId());
            scrub.setLong(3, e.getKey());
            scrub.addBatch();
        }
        scrub.executeBatch();
    }

    private Changed load(String conversationId, String msgId) throws SQLException {
        PreparedStatement load = st.get(LOAD);
        load.setString(1, msgId);
        load.setString(2, conversationId);
        try (ResultSet rs = load.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            String state = rs.getString(5);
            ObjectNode stateTree = state == null ? FrameCodec.mapper().createObjectNode() : (ObjectNode) parse(state);
            return new Changed(conversationId, new Target(msgId, rs.getLong(1), rs.getLong(2), rs.getLong(3),
                    (ObjectNode) parse(rs.getString(4)), stateTree, rs.getInt(6) != 0));
        }
    }

    /**
     * One-to-one, both users see everything (a forward may name another conversation: the user must be one of
     * its two); in a group, the user must have been a member at the message's seq.
     */
    private boolean visible(String conversationId, long userId, long seq) throws SQLException {
        if (ConversationIds.groupId(conversationId) == null) {
            long[] both = ConversationIds.directMembers(conversationId);
            return both != null && (both[0] == userId || both[1] == userId);
        }
        PreparedStatement visible = st.get(VISIBLE);
        visible.setString(1, conversationId);
        visible.setLong(2, userId);
        visible.setLong(3, seq);
        visible.setLong(4, seq);
        try (ResultSet rs = visible.executeQuery()) {
            return rs.next();
        }
    }

    private static JsonNode parse(String json) {
        try {
            return FrameCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content is not JSON", e); // the codec wrote every stored content
        }
    }
}
