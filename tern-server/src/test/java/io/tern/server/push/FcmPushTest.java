package io.tern.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import io.tern.server.support.PushReceiver;
import io.tern.server.support.TestUser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FCM HTTP v1 against a local stand-in: the request, the OAuth token from a service-account JWT, a dead token. */
class FcmPushTest {
    private final PushReceiver fcm = PushReceiver.start();
    private PushFixture fx;

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
        fcm.close();
    }

    private TestUser[] users() {
        return new TestUser[] {fx.user("alice", "a1"), fx.user("bob", "b1")};
    }

    private void sendToBob(TestUser alice, TestUser bob, String text) {
        PushFixture.send(fx.connect(alice), PushFixture.chat("m-" + text.hashCode(), bob.userId(), text));
    }

    @Test
    void staticBearer_sendsV1MessageWithCollapseKey() {
        fx = new PushFixture(Map.of("push.fcm.projectId", "demo", "push.fcm.endpoint",
                fcm.url("/v1/projects/{project}/messages:send"), "push.fcm.bearerToken", "static-token"));
        TestUser[] u = users();
        fx.registerDevice(u[1], "{\"platform\":\"fcm\",\"token\":\"fcm-token-1\"}");
        sendToBob(u[0], u[1], "hi from fcm");
        fx.awaitQueued();
        fx.advanceUntil(() -> !fcm.requests().isEmpty());
        PushReceiver.Request r = fcm.requests().get(0);
        assertThat(r.path()).isEqualTo("/v1/projects/demo/messages:send");
        assertThat(r.header("Authorization")).isEqualTo("Bearer static-token");
        JsonNode message = r.json().get("message");
        assertThat(message.get("token").asText()).isEqualTo("fcm-token-1");
        assertThat(message.at("/notification/title").asText()).isEqualTo("alice");
        assertThat(message.at("/notification/body").asText()).isEqualTo("hi from fcm");
        String conversation = message.at("/data/conversationId").asText();
        assertThat(message.at("/android/collapse_key").asText()).isEqualTo(conversation);
        assertThat(message.at("/data/badge").asText()).isEqualTo("1");
        assertThat(fx.metric("tern_push_sent_total")).isEqualTo(1);
    }

    @Test
    void unregisteredToken_removesTheDevice() {
        fx = new PushFixture(Map.of("push.fcm.projectId", "demo", "push.fcm.endpoint",
                fcm.url("/v1/projects/{project}/messages:send"), "push.fcm.bearerToken", "static-token"));
        TestUser[] u = users();
        fx.registerDevice(u[1], "{\"platform\":\"fcm\",\"token\":\"stale\"}");
        fcm.answer(404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}");
        sendToBob(u[0], u[1], "gone?");
        fx.awaitQueued();
        fx.advanceUntil(() -> fx.http().get("/api/push/devices", u[1].token()).body().get("devices").isEmpty());
        assertThat(fx.metric("tern_push_dead_tokens_total")).isEqualTo(1);
    }

    @Test
    void serviceAccount_getsItsOAuthTokenWithASignedJwt() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        Path account = Files.createTempFile("fcm-account", ".json");
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(account, FrameCodec.mapper().writeValueAsString(Map.of("type", "service_account",
                "client_email", "tern@demo.iam.example", "private_key", pem, "token_uri", fcm.url("/token"))));
        try {
            fx = new PushFixture(Map.of("push.fcm.projectId", "demo", "push.fcm.endpoint",
                    fcm.url("/v1/projects/{project}/messages:send"), "push.fcm.serviceAccountFile", account.toString()));
            TestUser[] u = users();
            fx.registerDevice(u[1], "{\"platform\":\"fcm\",\"token\":\"fcm-token-2\"}");
            sendToBob(u[0], u[1], "with oauth");
            fx.awaitQueued();
            fx.advanceUntil(() -> !fcm.requests("/v1/projects/demo/messages:send").isEmpty());

            PushReceiver.Request token = fcm.requests("/token").get(0);
            Map<String, String> form = new java.util.HashMap<>();
            for (String pair : token.text().split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
            String[] jwt = form.get("assertion").split("\\.");
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(keys.getPublic());
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
            JsonNode claims = FrameCodec.mapper().readTree(Base64.getUrlDecoder().decode(jwt[1]));
            assertThat(claims.get("iss").asText()).isEqualTo("tern@demo.iam.example");
            assertThat(claims.get("aud").asText()).isEqualTo(fcm.url("/token"));
            assertThat(claims.get("scope").asText()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
            assertThat(fcm.requests("/v1/projects/demo/messages:send").get(0).header("Authorization"))
                    .isEqualTo("Bearer oauth-from-jwt");
        } finally {
            Files.deleteIfExists(account);
        }
    }
}
