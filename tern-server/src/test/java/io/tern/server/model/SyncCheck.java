package io.tern.server.model;

import io.tern.protocol.ConversationSummary;
import io.tern.protocol.SyncResp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A SYNC_RESP against the model (protocol 7.6): for every conversation where the device lacks messages of its
 * user's windows (every one of them, protocol 8.3), one summary with exactly the expected afterSeq, lastSeq and count; none elsewhere.
 */
final class SyncCheck {
    private SyncCheck() {
    }

    /** The summaries to pull, once checked; null and a reason in {@code problem} otherwise. */
    static List<ConversationSummary> check(DeliveryModel model, long user, Map<String, Long> cursors, SyncResp s,
                                           StringBuilder problem) {
        Map<String, ConversationSummary> by = new HashMap<>();
        s.conversations().forEach(c -> by.put(c.conversationId(), c));
        List<ConversationSummary> out = new ArrayList<>();
        for (String conv : model.convIds()) {
            long first = model.firstVisible(user, conv);
            long after = first == 0 ? 0 : Math.max(cursors.getOrDefault(conv, 0L), first - 1);
            long lastSeq = model.lastVisible(user, conv);
            long count = model.visibleCount(user, conv, after, lastSeq);
            ConversationSummary c = by.remove(conv);
            if (count == 0) {
                if (c != null) {
                    problem.append("SYNC_RESP offers ").append(c).append(" but the device lacks nothing of ")
                            .append(conv).append(" (after ").append(after).append(')');
                    return null;
                }
                continue;
            }
            // the server may start the summary later than the cursor, over seqs the user cannot see (a gap
            // between windows), never earlier and never past one the user may see
            boolean afterOk = c != null && c.afterSeq() >= after
                    && model.visibleCount(user, conv, after, c.afterSeq()) == 0;
            if (c == null || !afterOk || c.lastSeq() != lastSeq || c.count() != count
                    || c.last() == null || c.last().seq() != lastSeq) {
                problem.append("SYNC_RESP for ").append(conv).append(" is ").append(c).append(" but the model expects afterSeq=")
                        .append(after).append(" lastSeq=").append(lastSeq).append(" count=").append(count);
                return null;
            }
            out.add(c);
        }
        if (!by.isEmpty()) {
            problem.append("SYNC_RESP offers conversations outside the user's windows: ").append(by.keySet());
            return null;
        }
        return out;
    }
}
