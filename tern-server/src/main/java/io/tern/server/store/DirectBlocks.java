package io.tern.server.store;

import io.tern.server.core.message.Appended;
import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.Draft;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, inside the writer's commit, whether the drafts of a direct conversation may be stored (and, with
 * {@code auth.directChats=CONTACTS}, whether a new one may start): a block
 * committed before this transaction refuses every later message between the two, and none is checked outside
 * the commit and acted on later. One indexed look-up per direct conversation of the batch.
 */
final class DirectBlocks {
    private static final String BLOCKERS = "SELECT blocker_id FROM blocks WHERE (blocker_id = ? AND blocked_id = ?) "
            + "OR (blocker_id = ? AND blocked_id = ?)";

    private DirectBlocks() {
    }

    /** Whether the two users of a direct conversation are contacts (decides who may start one, in the commit). */
    static boolean contacts(Statements st, String conversationId) throws SQLException {
        long[] pair = ConversationIds.directMembers(conversationId);
        if (pair == null || pair[0] == pair[1]) {
            return true;
        }
        PreparedStatement find = st.get("SELECT 1 FROM contacts WHERE user_id = ? AND contact_id = ?");
        find.setLong(1, pair[0]);
        find.setLong(2, pair[1]);
        try (ResultSet rs = find.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * The drafts at {@code indexes} that no block refuses; the others get their refusal in {@code results}:
     * RECIPIENT_REFUSED when the recipient blocked the sender, BLOCKED when the sender blocked the recipient.
     */
    static List<Integer> allowed(Statements st, String conversationId, List<Integer> indexes, List<Draft> drafts,
                                 Appended[] results) throws SQLException {
        long[] pair = ConversationIds.directMembers(conversationId);
        if (pair == null || pair[0] == pair[1]) {
            return indexes;
        }
        boolean firstBlocks = false;
        boolean secondBlocks = false;
        PreparedStatement find = st.get(BLOCKERS);
        find.setLong(1, pair[0]);
        find.setLong(2, pair[1]);
        find.setLong(3, pair[1]);
        find.setLong(4, pair[0]);
        try (ResultSet rs = find.executeQuery()) {
            while (rs.next()) {
                firstBlocks |= rs.getLong(1) == pair[0];
                secondBlocks |= rs.getLong(1) == pair[1];
            }
        }
        if (!firstBlocks && !secondBlocks) {
            return indexes;
        }
        List<Integer> allowed = new ArrayList<>();
        for (int i : indexes) {
            boolean senderIsFirst = drafts.get(i).senderId() == pair[0];
            boolean senderBlocks = senderIsFirst ? firstBlocks : secondBlocks;
            boolean recipientBlocks = senderIsFirst ? secondBlocks : firstBlocks;
            if (recipientBlocks) {
                results[i] = Appended.refused(Outcome.RECIPIENT_REFUSED);
            } else if (senderBlocks) {
                results[i] = Appended.refused(Outcome.BLOCKED);
            } else {
                allowed.add(i);
            }
        }
        return allowed;
    }
}
