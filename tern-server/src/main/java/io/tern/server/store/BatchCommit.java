package io.tern.server.store;

import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.CursorUpdate;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.Message;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One group-commit transaction on the writer connection. Seqs are allocated by
 * {@code UPDATE conversations SET last_seq = last_seq + n ... RETURNING last_seq}, inside the same
 * transaction as the inserts, so a seq is never handed out for a message that was not stored.
 */
final class BatchCommit {
    private final Connection c;
    private final Dialect dialect;
    private final long now;
    private final Supplier<String> msgIds;

    BatchCommit(Connection c, Dialect dialect, long now, Supplier<String> msgIds) {
        this.c = c;
        this.dialect = dialect;
        this.now = now;
        this.msgIds = msgIds;
    }

    List<Appended> run(List<Draft> drafts, List<CursorUpdate> cursors) throws SQLException {
        Appended[] results = new Appended[drafts.size()];
        Map<String, List<Integer>> fresh = findDuplicates(drafts, results);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO messages (conversation_id, seq, msg_id, "
                + "sender_id, client_msg_id, to_id, ts, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, List<Integer>> e : fresh.entrySet()) {
                allocate(e.getKey(), e.getValue(), drafts, results, insert);
            }
            insert.executeBatch();
        }
        resolveBatchDuplicates(drafts, results);
        applyCursors(cursors);
        return List.of(results);
    }

    /** Marks drafts already stored; returns the rest grouped by conversation, in draft order. */
    private Map<String, List<Integer>> findDuplicates(List<Draft> drafts, Appended[] results) throws SQLException {
        Map<String, List<Integer>> fresh = new LinkedHashMap<>();
        Map<String, Integer> firstInBatch = new HashMap<>();
        try (PreparedStatement find = c.prepareStatement("SELECT conversation_id, seq, msg_id, sender_id, to_id, ts, "
                + "client_msg_id, content FROM messages WHERE sender_id = ? AND client_msg_id = ?")) {
            for (int i = 0; i < drafts.size(); i++) {
                Draft d = drafts.get(i);
                String key = d.senderId() + "\u0000" + d.clientMsgId();
                if (firstInBatch.containsKey(key)) {
                    continue; // resolved after the first one is stored
                }
                firstInBatch.put(key, i);
                find.setLong(1, d.senderId());
                find.setString(2, d.clientMsgId());
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        results[i] = new Appended(JdbcMessageStore.message(rs), Outcome.DUPLICATE);
                        continue;
                    }
                }
                fresh.computeIfAbsent(d.conversationId(), k -> new ArrayList<>()).add(i);
            }
        }
        return fresh;
    }

    private void allocate(String conversationId, List<Integer> indexes, List<Draft> drafts, Appended[] results,
                          PreparedStatement insert) throws SQLException {
        int n = indexes.size();
        long last;
        try (PreparedStatement bump = c.prepareStatement(
                "UPDATE conversations SET last_seq = last_seq + ?, last_ts = ? WHERE id = ? RETURNING last_seq")) {
            bump.setLong(1, n);
            bump.setLong(2, now);
            bump.setString(3, conversationId);
            try (ResultSet rs = bump.executeQuery()) {
                last = rs.next() ? rs.getLong(1) : -1;
            }
        }
        if (last < 0) {
            Draft first = drafts.get(indexes.get(0));
            if (!accountExists(first.toId())) {
                indexes.forEach(i -> results[i] = new Appended(null, Outcome.NO_SUCH_USER));
                return;
            }
            createConversation(conversationId, n);
            last = n;
        }
        long seq = last - n + 1;
        for (int i : indexes) {
            Draft d = drafts.get(i);
            Message m = new Message(msgIds.get(), conversationId, seq++, d.senderId(), d.toId(), now,
                    d.clientMsgId(), d.content());
            insert.setString(1, m.conversationId());
            insert.setLong(2, m.seq());
            insert.setString(3, m.msgId());
            insert.setLong(4, m.fromId());
            insert.setString(5, m.clientMsgId());
            insert.setLong(6, m.toId());
            insert.setLong(7, m.ts());
            insert.setString(8, m.content());
            insert.addBatch();
            results[i] = new Appended(m, Outcome.STORED);
        }
    }

    private boolean accountExists(long userId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM accounts WHERE id = ?")) {
            st.setLong(1, userId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void createConversation(String conversationId, long lastSeq) throws SQLException {
        try (PreparedStatement conv = c.prepareStatement(
                "INSERT INTO conversations (id, last_seq, last_ts) VALUES (?, ?, ?)");
             PreparedStatement member = c.prepareStatement(
                     "INSERT INTO members (user_id, conversation_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            conv.setString(1, conversationId);
            conv.setLong(2, lastSeq);
            conv.setLong(3, now);
            conv.executeUpdate();
            for (long user : ConversationIds.directMembers(conversationId)) {
                member.setLong(1, user);
                member.setString(2, conversationId);
                member.executeUpdate();
            }
        }
    }

    /** A clientMsgId sent twice within one batch: the later copies get the first one's result. */
    private static void resolveBatchDuplicates(List<Draft> drafts, Appended[] results) {
        Map<String, Appended> first = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            String key = drafts.get(i).senderId() + "\u0000" + drafts.get(i).clientMsgId();
            if (results[i] != null) {
                first.putIfAbsent(key, results[i]);
            } else {
                Appended original = first.get(key);
                results[i] = original.outcome() == Outcome.NO_SUCH_USER
                        ? original : new Appended(original.message(), Outcome.DUPLICATE);
            }
        }
    }

    private void applyCursors(List<CursorUpdate> cursors) throws SQLException {
        if (cursors.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(dialect.sql("UPDATE members SET delivered_seq = "
                + "{{GREATEST}}(delivered_seq, {{LEAST}}(?, (SELECT last_seq FROM conversations WHERE id = ?))) "
                + "WHERE user_id = ? AND conversation_id = ?"))) {
            for (CursorUpdate u : cursors) {
                st.setLong(1, u.deliveredSeq());
                st.setString(2, u.conversationId());
                st.setLong(3, u.userId());
                st.setString(4, u.conversationId());
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
