package io.tern.client;

import static io.tern.client.LocalServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK's account calls against a real server: password change and log out all devices. */
class AccountTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Path dataDir;
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        dataDir = Files.createTempDirectory("tern-account-");
        server = new LocalServer(dataDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void changePassword_logsOutTheOtherDevices_andTheNewPasswordLogsIn() {
        TernClient laptop = server.registered("alice", new Inbox());
        List<ConnectionState> phoneStates = new CopyOnWriteArrayList<>();
        TernClient phone = server.client("alice", new Inbox(), b -> b.deviceId("phone")
                .connectionListener((state, cause) -> phoneStates.add(state)));
        await(phone.connect());

        assertThatThrownBy(() -> await(laptop.changePassword("not my password", "a-new-password-1"))).cause()
                .isInstanceOfSatisfying(TernClientException.class, e -> assertThat(e.error()).isEqualTo("WRONG_PASSWORD"));
        await(laptop.changePassword(LocalServer.PASSWORD, "a-new-password-1"));

        await().atMost(WAIT).until(() -> !phoneStates.isEmpty()
                && phoneStates.get(phoneStates.size() - 1) == ConnectionState.DISCONNECTED);
        assertThat(await(laptop.directory().user("alice")).userId()).as("the laptop keeps its login")
                .isEqualTo(laptop.userId());

        TernClient old = server.client("alice", new Inbox(), b -> b.deviceId("tablet"));
        assertThatThrownBy(() -> await(old.connect())).cause()
                .isInstanceOfSatisfying(TernClientException.class, e -> assertThat(e.error()).isEqualTo("LOGIN_FAILED"));
        TernClient fresh = TernClient.create(ClientConfig.builder(server.uri(), "alice", "a-new-password-1")
                .messageListener(new Inbox()).build());
        try {
            await(fresh.connect());
        } finally {
            fresh.close();
        }
    }

    @Test
    void logoutAll_endsEveryConnectionOfTheUser_forGood() {
        List<ConnectionState> laptopStates = new CopyOnWriteArrayList<>();
        TernClient laptop = server.client("alice", new Inbox(), b -> b.connectionListener((s, c) -> laptopStates.add(s)));
        await(laptop.register());
        await(laptop.connect());
        List<ConnectionState> phoneStates = new CopyOnWriteArrayList<>();
        TernClient phone = server.client("alice", new Inbox(), b -> b.deviceId("phone")
                .connectionListener((state, cause) -> phoneStates.add(state)));
        await(phone.connect());

        assertThat(await(laptop.logoutAll())).isEqualTo(2);

        await().atMost(WAIT).until(() -> !phoneStates.isEmpty() && !laptopStates.isEmpty()
                && phoneStates.get(phoneStates.size() - 1) == ConnectionState.DISCONNECTED
                && laptopStates.get(laptopStates.size() - 1) == ConnectionState.DISCONNECTED);
    }
}
