package io.tern.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No token or password ever reaches a log line, also when requests fail. */
class LogHygieneTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private TestServer server;
    private final java.util.Map<String, ch.qos.logback.classic.Level> levels = new java.util.HashMap<>();

    /** Everything at DEBUG, so a leak in a rarely seen log line is caught too. */
    @BeforeEach
    void capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (String name : new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, "io.netty", "io.tern", "com.zaxxer.hikari"}) {
            Logger logger = context.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
        captured.start();
        root.addAppender(captured);
        server = TestServer.start();
    }

    @AfterEach
    void release() {
        server.close();
        root.detachAppender(captured);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    @Test
    void tokensAndPasswords_neverAppearInLogs() {
        String password = "s3cret-Password-xyz";
        server.http().post("/api/register", "{\"username\":\"alice\",\"password\":\"" + password + "\"}", null);
        Http.Response login = server.http().post("/api/login", "{\"username\":\"alice\",\"password\":\"" + password + "\"}", null);
        String token = login.body().get("token").asText();
        server.http().post("/api/login", "{\"username\":\"alice\",\"password\":\"" + password + "-wrong\"}", null);
        TestUser alice = new TestUser(login.body().get("userId").asLong(), "alice", token, "d");
        try (WsTestClient c = server.connect(alice)) {
            c.send("{\"type\":10,\"token\":\"" + token + "\"}");
            c.send("{broken json " + token);
        }
        WsTestClient.handshakeStatus(server.wsUrl() + "?token=" + token + "x", null);
        server.http().get("/api/me", token + "x");
        server.http().post("/api/logout", "", token);
        WsTestClient.handshakeStatus(server.wsUrl() + "?token=" + token, null);

        assertThat(captured.list).isNotEmpty();
        for (ILoggingEvent e : captured.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertThat(line).doesNotContain(token).doesNotContain(password);
        }
    }
}
