package io.tern.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http2.Http2Headers;
import io.tern.protocol.FrameCodec;
import io.tern.server.support.SelfSignedCert;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** APNs over HTTP/2 against pushy's mock server on a local port (TLS, token auth): a notification and a 410. */
class ApnsPushTest {
    private static final String DEAD = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String LIVE = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    private record Received(String token, String collapseId, String topic, JsonNode payload) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Path dir;
    private MockApnsServer apns;
    private PushFixture fx;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("tern-apns");
        SelfSignedCert cert = SelfSignedCert.create(dir);
        apns = new MockApnsServerBuilder().setServerCredentials(cert.certFile().toFile(), cert.keyFile().toFile(), null)
                .setHandlerFactory(session -> (Http2Headers headers, io.netty.buffer.ByteBuf body) -> {
                    String path = headers.path().toString();
                    String token = path.substring(path.lastIndexOf('/') + 1);
                    if (token.equals(DEAD)) {
                        throw new UnregisteredDeviceTokenException(Instant.now());
                    }
                    try {
                        received.add(new Received(token, String.valueOf(headers.get("apns-collapse-id")),
                                String.valueOf(headers.get("apns-topic")),
                                FrameCodec.mapper().readTree(body.toString(StandardCharsets.UTF_8))));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).build();
        int port = apns.start(0).get();
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        Path key = dir.resolve("AuthKey.p8");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(gen.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        fx = new PushFixture(Map.of("push.apns.host", "127.0.0.1", "push.apns.port", String.valueOf(port),
                "push.apns.topic", "io.tern.app", "push.apns.signingKeyFile", key.toString(), "push.apns.teamId",
                "TEAM123456", "push.apns.keyId", "KEY1234567", "push.apns.trustedCertFile", cert.certFile().toString()));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
        apns.shutdown().get();
        TestServer.deleteRecursively(dir);
    }

    @Test
    void notification_reachesApnsWithAlertBadgeAndCollapseId() {
        TestUser alice = fx.user("alice", "a1");
        TestUser bob = fx.user("bob", "b1");
        fx.registerDevice(bob, "{\"platform\":\"apns\",\"token\":\"" + LIVE + "\"}");
        PushFixture.send(fx.connect(alice), PushFixture.chat("m1", bob.userId(), "over http/2"));
        PushFixture.send(fx.connect(alice), PushFixture.chat("m2", bob.userId(), "and again"));
        fx.awaitQueued();
        fx.advanceUntil(() -> !received.isEmpty());
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.token()).isEqualTo(LIVE);
            assertThat(r.topic()).isEqualTo("io.tern.app");
            assertThat(r.collapseId()).startsWith("p:");
            assertThat(r.payload().at("/aps/alert/title").asText()).isEqualTo("alice");
            assertThat(r.payload().at("/aps/alert/body").asText()).isEqualTo("and again (+1 more)");
            assertThat(r.payload().at("/aps/badge").asInt()).isEqualTo(2);
        });
    }

    @Test
    void unregisteredToken_410_removesTheDevice() {
        TestUser alice = fx.user("alice", "a1");
        TestUser bob = fx.user("bob", "b1");
        fx.registerDevice(bob, "{\"platform\":\"apns\",\"token\":\"" + DEAD + "\"}");
        PushFixture.send(fx.connect(alice), PushFixture.chat("m1", bob.userId(), "hello?"));
        fx.awaitQueued();
        fx.advanceUntil(() -> fx.http().get("/api/push/devices", bob.token()).body().get("devices").isEmpty());
        assertThat(fx.metric("tern_push_dead_tokens_total")).isEqualTo(1);
        assertThat(received).isEmpty();
    }
}
