package io.tern.server.store;

import io.tern.server.core.group.Role;
import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.Draft;
import io.tern.server.core.message.Message;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The drafts of one group conversation within a batch, in draft order: lock the conversation row, decide each
 * draft (may the sender post; the rules of a group command) against the membership with the batch's earlier
 * decisions applied, allocate seqs for what is stored, fix each message's recipients, then run the accepted
 * changes in order. Locking first matters on PostgreSQL: every read below then sees what other nodes
 * committed before, and none of them can change the group until this transaction ends.
 */
final class GroupBatch {
    private final Statements st;
    private final BatchCommit batch;
    private final Recipients recipients;
    private final GroupMembership members;
    private final GroupState group;
    private final GroupRules rules;

    GroupBatch(Statements st, BatchCommit batch, Recipients recipients, long now) {
        this.st = st;
        this.batch = batch;
        this.recipients = recipients;
        this.members = new GroupMembership(st);
        this.group = new GroupState(st, now);
        this.rules = new GroupRules(members, group);
    }

    void allocate(String conversationId, List<Integer> indexes, List<Draft> drafts, Appended[] results)
            throws SQLException {
        long membersSeq = lock(conversationId);
        if (membersSeq < 0 || group.row(conversationId) == null) {
            indexes.forEach(i -> results[i] = Appended.refused(Outcome.NOT_A_MEMBER));
            return;
        }
        List<Integer> accepted = new ArrayList<>();
        List<Integer> withSeq = new ArrayList<>();
        Map<Integer, GroupDecision> decisions = new HashMap<>();
        for (int i : indexes) {
            Draft d = drafts.get(i);
            if (group.row(conversationId).dissolved()) { // also by a DISSOLVE earlier in this batch
                results[i] = Appended.refused(Outcome.GROUP_DISSOLVED);
                continue;
            }
            if (d.command() == null) {
                Outcome refusal = refusal(conversationId, d.senderId());
                if (refusal != null) {
                    results[i] = Appended.refused(refusal);
                } else if (ChangeBatch.concerns(d)
                        && (results[i] = batch.changes().decide(conversationId, i, d, members.state(conversationId,
                        d.senderId()).role())) != null) {
                    continue; // a change event its kind refused, or a reply or mention not allowed
                } else {
                    accepted.add(i);
                    withSeq.add(i);
                }
                continue;
            }
            GroupDecision decision = rules.decide(conversationId, d.senderId(), d.command());
            if (!decision.accepted()) {
                results[i] = Appended.refused(decision.outcome());
                continue;
            }
            decisions.put(i, decision);
            accepted.add(i);
            if (decision.outcome() == Outcome.STORED) {
                withSeq.add(i);
            }
        }
        if (accepted.isEmpty()) {
            return;
        }
        long[] current = recipients.members(conversationId, membersSeq); // before any write of this batch
        List<Message> stored = List.of();
        if (!withSeq.isEmpty()) {
            long last = batch.bump(conversationId, withSeq.size());
            stored = batch.store(conversationId, withSeq, drafts, i -> content(drafts.get(i), decisions.get(i)),
                    last - withSeq.size() + 1);
        }
        int next = 0;
        for (int i : accepted) {
            GroupDecision decision = decisions.get(i);
            if (decision != null && decision.outcome() == Outcome.APPLIED) {
                decision.effect().run(0);
                results[i] = new Appended(null, Outcome.APPLIED);
                continue;
            }
            Message m = stored.get(next++);
            if (decision == null || decision.change() == null) {
                results[i] = new Appended(m, Outcome.STORED, membersSeq, batch.changes().recipients(i, current), null);
                if (decision != null) {
                    decision.effect().run(m.seq());
                }
                continue;
            }
            results[i] = new Appended(m, Outcome.STORED, membersSeq, Recipients.ofEvent(current, decision.change()),
                    decision.change());
            decision.effect().run(m.seq());
            current = Recipients.after(current, decision.change());
            membersSeq = m.seq();
        }
    }

    /** Why the user may not post now, or null if they may: a mute applies until its end, without a job. */
    private Outcome refusal(String conversationId, long userId) throws SQLException {
        GroupMembership.State s = members.state(conversationId, userId);
        if (!s.active()) {
            return Outcome.NOT_A_MEMBER;
        }
        if (s.mutedAt(group.now())) {
            return Outcome.MUTED;
        }
        return group.row(conversationId).adminsOnly() && s.role() == Role.MEMBER ? Outcome.ADMINS_ONLY : null;
    }

    private static String content(Draft d, GroupDecision decision) {
        return d.command() == null ? d.content() : d.command().event().content(decision.decided());
    }

    /**
     * Takes the conversation's row lock (an update that changes nothing) before anything is read; returns the
     * seq of the last membership change, or -1 if there is no such group.
     */
    private long lock(String conversationId) throws SQLException {
        PreparedStatement lock = st.get("UPDATE conversations SET last_seq = last_seq WHERE id = ? RETURNING members_seq");
        lock.setString(1, conversationId);
        try (ResultSet rs = lock.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
