package io.tern.bench.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What to tell the reader when the server's protective limits, not its capacity, shaped a run. A
 * production server rate-limits sends, logins and registrations and caps connections per address; a
 * benchmark from one machine trips all of them, so the server must be started with them off.
 */
public final class ServerAdvice {
    /** The server flags for benchmarks: fast password hashing and the per-user / per-address limits off. */
    public static final String BENCH_FLAGS = "--set auth.bcryptCost=4 --set limits.messagesPerSecond=0 "
            + "--set limits.loginsPerMinute=0 --set limits.registrationsPerHour=0 --set limits.connectionsPerAddress=0";

    private ServerAdvice() {
    }

    /** Notes for a load run's errors and kicks. */
    public static List<String> forRun(Map<String, Long> errors, Map<String, Long> kicks) {
        List<String> notes = new ArrayList<>();
        if (errors.getOrDefault("RATE_LIMITED", 0L) > 0) {
            notes.add("the server rate-limited sends (RATE_LIMITED): benchmark it with --set limits.messagesPerSecond=0");
        }
        if (errors.getOrDefault("UNAVAILABLE", 0L) > 0) {
            notes.add("the server refused sends with UNAVAILABLE (write queue full): the offered load is above what "
                    + "it can commit");
        }
        if (kicks.getOrDefault("slow-consumer", 0L) > 0) {
            notes.add("the server closed connections as slow consumers (unacked pushes or queued bytes above its "
                    + "limit): the receivers could not keep up");
        }
        if (kicks.getOrDefault("ack-timeout", 0L) > 0) {
            notes.add("the server closed connections for an ACK older than its ack deadline");
        }
        return notes;
    }

    /** A note for connections the server closed before or during the handshake, or null. */
    public static String forConnectFailures(Map<String, Integer> failures) {
        for (String reason : failures.keySet()) {
            if (reason.contains("during the WebSocket handshake") || reason.contains("Connection reset")) {
                return "the server closed connections before the WebSocket handshake: it may cap connections per "
                        + "address (limits.connectionsPerAddress, default 1000) or per user (limits.connectionsPerUser); "
                        + "start it with --set limits.connectionsPerAddress=0, or spread the client over "
                        + "--source-addresses";
            }
        }
        return null;
    }

    /** The failure for an HTTP 429 while registering or logging in. */
    static SetupFailure rateLimited(String what) {
        return new SetupFailure(what + " was rate-limited (HTTP 429): start the server with "
                + "--set limits.registrationsPerHour=0 --set limits.loginsPerMinute=0 for benchmarks (all bench users "
                + "come from one address)");
    }
}
