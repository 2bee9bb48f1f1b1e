package io.tern.server.store;

import io.tern.server.core.message.Appended.Outcome;
import io.tern.server.core.message.GroupCommand.Decided;
import io.tern.server.core.message.MembershipChange;
import java.sql.SQLException;
import java.util.List;

/**
 * How the writer decided one group command: a refusal ({@code effect} null), a no-op, or an accepted command
 * with its membership change (or null), what its event reports ({@code decided}), and its writes.
 */
record GroupDecision(Outcome outcome, MembershipChange change, Effect effect, Decided decided) {
    /** The writes of an accepted command; {@code seq} is its event's seq, or 0 for a command without one. */
    @FunctionalInterface
    interface Effect {
        void run(long seq) throws SQLException;
    }

    static GroupDecision refuse(Outcome outcome) {
        return new GroupDecision(outcome, null, null, null);
    }

    /** Accepted, with an event about {@code users} and no membership change. */
    static GroupDecision event(List<Long> users, Effect effect) {
        return new GroupDecision(Outcome.STORED, null, effect, new Decided(users, 0, false));
    }

    /** Accepted, changing the group without an event (invite links). */
    static GroupDecision applied(Effect effect) {
        return new GroupDecision(Outcome.APPLIED, null, effect, null);
    }

    boolean accepted() {
        return effect != null;
    }
}
