package io.tern.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.FakeTicker;
import io.tern.server.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 item 3: failed logins in someone else's name must not lock them out. Requests come from several
 * loopback addresses (127.0.0.x), so the server sees an attacker and a victim on different addresses.
 */
class LoginLockoutTest {
    private static final String RIGHT = "{\"username\":\"bob\",\"password\":\"password-1\"}";
    private static final String WRONG = "{\"username\":\"bob\",\"password\":\"not-his-password\"}";

    private final FakeTicker ticker = new FakeTicker();
    private TestServer server;

    @BeforeEach
    void start() throws IOException {
        Map<String, String> config = new HashMap<>(TestServer.NO_LIMITS);
        config.put("limits.loginFailuresBeforeBackoff", "5");
        server = TestServer.start(config, ticker);
        assertThat(post("127.0.0.1", "/api/register", RIGHT)).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void failuresFromOneAddress_lockOnlyThatAddress() throws IOException {
        for (int i = 0; i < 5; i++) {
            assertThat(post("127.0.0.2", "/api/login", WRONG)).isEqualTo(401);
        }
        assertThat(post("127.0.0.2", "/api/login", WRONG)).isEqualTo(401);
        assertThat(post("127.0.0.2", "/api/login", RIGHT)).as("the guessing address backs off").isEqualTo(429);

        assertThat(post("127.0.0.3", "/api/login", RIGHT)).as("bob elsewhere is not affected").isEqualTo(200);
    }

    @Test
    void failuresFromManyAddresses_onlySlowBobAtAnAddressHeUsedBefore() throws IOException {
        assertThat(post("127.0.0.1", "/api/login", RIGHT)).isEqualTo(200); // bob's usual address

        int failures = 0;
        for (int address = 2; failures < 21 && address < 40; address++) {
            for (int i = 0; i < 6; i++) {
                if (post("127.0.0." + address, "/api/login", WRONG) == 401) {
                    failures++;
                }
            }
        }
        assertThat(failures).as("enough failures to put the username itself under back-off").isGreaterThanOrEqualTo(21);

        assertThat(post("127.0.0.1", "/api/login", RIGHT)).as("bob's known address still logs in").isEqualTo(200);
        assertThat(post("127.0.0.1", "/api/login", RIGHT)).isEqualTo(200);
        assertThat(post("127.0.0.99", "/api/login", RIGHT))
                .as("an address never used by bob waits while his name is under attack").isEqualTo(429);
    }

    /** POSTs JSON from the given local address; returns the status code. */
    private int post(String fromAddress, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port(),
                InetAddress.getByName(fromAddress), 0)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }
}
