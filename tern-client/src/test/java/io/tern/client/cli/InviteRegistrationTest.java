package io.tern.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.client.LocalServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** On an invite-only server the console asks for the invite code when it registers a new user. */
class InviteRegistrationTest {
    @TempDir
    Path dataDir;

    /** An invite code made with {@code tern-server admin --data-dir DIR invite} before the server starts. */
    private String offlineInvite() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int status = new CommandLine(new io.tern.server.Main()).execute("admin", "--data-dir", dataDir.toString(),
                    "invite");
            assertThat(status).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8).replaceAll("(?s).*\"code\" : \"([^\"]+)\".*", "$1");
    }

    @Test
    void registeringOnAnInviteOnlyServer_asksForTheCodeAndLogsIn() throws Exception {
        String code = offlineInvite();
        try (LocalServer server = new LocalServer(dataDir, Clock.systemUTC(), Map.of("auth.registration", "INVITE"));
             ConsoleDriver erin = new ConsoleDriver(server.uri(), "erin")) {
            erin.expect("password for erin: ").type("erin's secret");
            erin.expect("register erin? [y/N] ").type("y");
            erin.expect("repeat the password: ").type("erin's secret");
            erin.expect("this server needs an invite code to register: ").type(code);
            erin.expect("registered erin (id ").expect("logged in to ");
        }
    }
}
