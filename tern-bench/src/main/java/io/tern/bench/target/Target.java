package io.tern.bench.target;

import java.io.PrintStream;
import java.util.List;

/** Something the p2p load can be pointed at: Tern, or the bare relay. */
public interface Target {
    /** "tern" or "baseline": the name in progress lines and reports. */
    String name();

    /**
     * Makes {@code count} endpoints for the role (e.g. "s" for senders, "r" for receivers), with
     * {@code devicesPerUser} consecutive endpoints sharing one user under distinct deviceIds.
     */
    List<Endpoint> prepare(String role, int count, int devicesPerUser, PrintStream log) throws Exception;

    /** Whether the server runs inside the bench process (the baseline relay). */
    default boolean serverInProcess() {
        return false;
    }

    /** Mean time of one login, in milliseconds, over the last prepare (0 if there are no logins). */
    default double loginMillis() {
        return 0;
    }
}
