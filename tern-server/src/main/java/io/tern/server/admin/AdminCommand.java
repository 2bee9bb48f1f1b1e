package io.tern.server.admin;

import io.tern.server.core.admin.AdminService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tern-server admin <command>}: each command is the admin API call of the same name, run against a
 * server ({@code --url}) or a stopped server's data directory. Answers are printed as JSON.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage users on a running server (--url, --token) or a stopped one (--data-dir).")
public final class AdminCommand {
    @Mixin
    TargetOptions target;

    @Command(name = "list", description = "List users whose name contains QUERY (all without it).")
    int list(@Parameters(arity = "0..1", paramLabel = "QUERY") String query,
             @Option(names = "--limit", defaultValue = "100") int limit) {
        String q = query == null ? "" : query;
        return run(r -> r.call("GET", "/api/admin/users?q=" + enc(q) + "&limit=" + limit, null),
                a -> Map.of("users", a.users(q, limit)));
    }

    @Command(name = "show", description = "Show one user (name or id).")
    int show(@Parameters(paramLabel = "USER") String user) {
        return run(r -> r.call("GET", "/api/admin/users/" + enc(user), null), a -> a.resolve(user));
    }

    @Command(name = "create-user", description = "Create a user; the password is read from standard input.")
    int create(@Parameters(paramLabel = "USERNAME") String username,
               @Option(names = "--admin", description = "make the new user an admin") boolean admin) {
        String password = readPassword();
        return run(r -> r.call("POST", "/api/admin/users", Map.of("username", username, "password", password,
                "admin", admin)), a -> a.create(LocalAdmin.actor(), username, password, admin));
    }

    @Command(name = "disable", description = "Refuse the user's logins and close their sessions.")
    int disable(@Parameters(paramLabel = "USER") String user) {
        return run(r -> r.call("POST", userPath(user, "/disable"), Map.of()), a -> a.disable(LocalAdmin.actor(), user));
    }

    @Command(name = "enable", description = "Let a disabled user log in again.")
    int enable(@Parameters(paramLabel = "USER") String user) {
        return run(r -> r.call("POST", userPath(user, "/enable"), Map.of()), a -> a.enable(LocalAdmin.actor(), user));
    }

    @Command(name = "delete", description = "Delete the user: the account becomes an anonymous tombstone.")
    int delete(@Parameters(paramLabel = "USER") String user) {
        return run(r -> r.call("DELETE", "/api/admin/users/" + enc(user), null),
                a -> a.delete(LocalAdmin.actor(), user));
    }

    @Command(name = "reset-password", description = "Set a new password (read from standard input); signs the user out.")
    int resetPassword(@Parameters(paramLabel = "USER") String user) {
        String password = readPassword();
        return run(r -> r.call("POST", userPath(user, "/password"), Map.of("password", password)), a -> {
            a.resetPassword(LocalAdmin.actor(), user, password);
            return Map.of("reset", true);
        });
    }

    @Command(name = "revoke-sessions", description = "Revoke every token of the user and close their sessions.")
    int revoke(@Parameters(paramLabel = "USER") String user) {
        return run(r -> r.call("POST", userPath(user, "/revoke-sessions"), Map.of()),
                a -> Map.of("revoked", a.revokeSessions(LocalAdmin.actor(), user)));
    }

    @Command(name = "promote", description = "Make the user an admin.")
    int promote(@Parameters(paramLabel = "USER") String user) {
        return role(user, "admin");
    }

    @Command(name = "demote", description = "Make an admin a plain user again.")
    int demote(@Parameters(paramLabel = "USER") String user) {
        return role(user, "user");
    }

    @Command(name = "audit", description = "The latest admin actions, newest first.")
    int audit(@Option(names = "--limit", defaultValue = "50") int limit) {
        return run(r -> r.call("GET", "/api/admin/audit?limit=" + limit, null), a -> Map.of("entries", a.auditLog(limit)));
    }

    @Command(name = "invite", description = "Create a single-use invite code (auth.registration=INVITE).")
    int invite(@Option(names = "--hours", defaultValue = "168", description = "how long it is valid") int hours) {
        return run(r -> r.call("POST", "/api/admin/invites", Map.of("hours", hours)),
                a -> Map.of("code", a.createInvite(LocalAdmin.actor(), java.time.Duration.ofHours(hours)),
                        "validHours", hours));
    }

    @Command(name = "nodes", description = "Cluster: the live nodes and their figures (--token: cluster.opsToken).")
    int nodes() {
        return cluster(r -> r.call("GET", "/api/nodes", null));
    }

    @Command(name = "drain", description = "Cluster: move every client off NODE_ID and keep logins away from it.")
    int drain(@Parameters(paramLabel = "NODE_ID") int nodeId,
              @Option(names = "--rate", description = "clients a second (default: cluster.moveRate)") Integer rate,
              @Option(names = "--exit", description = "stop the node once its clients are gone") boolean exit) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (rate != null) {
            body.put("rate", rate);
        }
        if (exit) {
            body.put("exit", true);
        }
        return cluster(r -> r.call("POST", "/api/nodes/" + nodeId + "/drain", body));
    }

    @Command(name = "resume", description = "Cluster: end the drain of NODE_ID; it takes logins again.")
    int resume(@Parameters(paramLabel = "NODE_ID") int nodeId) {
        return cluster(r -> r.call("DELETE", "/api/nodes/" + nodeId + "/drain", null));
    }

    @Command(name = "rebalance", description = "Cluster: nodes above the average move a share of their excess.")
    int rebalance(@Option(names = "--share", defaultValue = "1", description = "0..1 of each excess") double share,
                  @Option(names = "--rate", description = "clients a second (default: cluster.moveRate)") Integer rate) {
        return cluster(r -> r.call("POST", "/api/nodes/rebalance",
                rate == null ? Map.of("share", share) : Map.of("share", share, "rate", rate)));
    }

    /** The cluster commands act on running nodes only, with the operators' token rather than an admin's. */
    private int cluster(Function<RemoteAdmin, Object> remote) {
        return Operators.run(() -> {
            if (!target.remote()) {
                throw new OperatorException("cluster commands need --url (any node) and --token (cluster.opsToken)");
            }
            return remote.apply(target.remoteAdmin());
        });
    }

    private int role(String user, String role) {
        return run(r -> r.call("PUT", userPath(user, "/role"), Map.of("role", role)),
                a -> a.setRole(LocalAdmin.actor(), user, role));
    }

    private int run(Function<RemoteAdmin, Object> remote, Function<AdminService, Object> local) {
        return Operators.run(() -> {
            if (target.remote()) {
                return remote.apply(target.remoteAdmin());
            }
            try (LocalAdmin admin = new LocalAdmin(target.localConfig())) {
                return local.apply(admin.service());
            }
        });
    }

    private static String userPath(String user, String suffix) {
        return "/api/admin/users/" + enc(user) + suffix;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One line of standard input: a password never goes on the command line, where ps would show it. */
    private static String readPassword() {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new OperatorException("give the password on standard input, e.g. echo \"$PASSWORD\" | tern-server admin …");
            }
            return line;
        } catch (IOException e) {
            throw new OperatorException("cannot read the password: " + e.getMessage());
        }
    }
}
