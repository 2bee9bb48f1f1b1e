package io.tern.client.cli;

import io.tern.client.LocalServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code :group} in the console against a real server: settings, a timed mute, an invite code, dissolve. */
class ConsoleGroupAdminTest {
    @TempDir
    Path dataDir;
    private LocalServer server;
    private final List<ConsoleDriver> consoles = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = new LocalServer(dataDir);
        server.register("alice");
        server.register("bob");
        server.register("carol");
    }

    @AfterEach
    void stop() throws Exception {
        for (ConsoleDriver console : consoles) {
            console.close();
            System.out.println("=== TRANSCRIPT\n" + console.output().replace("\r", "<CR>").replace("\u001b", "<ESC>"));
        }
        server.close();
    }

    private ConsoleDriver console(String username) throws Exception {
        ConsoleDriver console = ConsoleDriver.loggedIn(server, username);
        consoles.add(console);
        return console;
    }

    @Test
    void anOwnerRunsTheOpenGroup_andTheMembersSeeEachChange() throws Exception {
        ConsoleDriver alice = console("alice");
        ConsoleDriver bob = console("bob");
        alice.type(":create team bob").expect("created #team (id ");
        bob.expect("* alice created the group with you");
        alice.type(":group info").expect("open a group first");
        alice.type(":open #team").expect("talking to #team");

        alice.type(":group admins-only on").expect("done (event #2)");
        bob.expect("alice changed the group's adminsOnly to true");
        alice.type(":group describe the team room").expect("done (event #3)");
        alice.type(":group info").expect("only admins post): the team room");
        alice.type(":group mute bob 10").expect("done (event #4)");
        bob.expect("alice muted you until ");

        alice.type(":group invite 1").expect("invite code ");
        String code = alice.recent().trim().split("\\s+")[0];
        ConsoleDriver carol = console("carol");
        carol.type(":join " + code).expect("joined #team");
        alice.expect("carol joined");

        bob.type(":open #team").expect("talking to #team");
        bob.type(":group dissolve").expect("only the owner may dissolve the group");
        alice.type(":group dissolve").expect("done (event #");
        bob.expect("alice dissolved the group");
    }
}
