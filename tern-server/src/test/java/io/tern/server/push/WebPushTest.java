package io.tern.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import io.tern.server.support.PushReceiver;
import io.tern.server.support.TestUser;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Web Push to a local endpoint acting as the browser's push service: the payload is decrypted here with the
 * subscription's private key and auth secret (RFC 8291, HKDF from Bouncy Castle rather than the server's code),
 * and the VAPID JWT verifies with the key the server publishes, which survives a restart.
 */
class WebPushTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final PushReceiver pushService = PushReceiver.start();
    private PushFixture fx;

    @AfterEach
    void stop() throws Exception {
        fx.close();
        pushService.close();
    }

    @Test
    void payloadDecryptsWithTheSubscriptionKeys_andVapidVerifies() throws Exception {
        fx = new PushFixture(Map.of("push.webpush.allowInsecure", "true", "push.webpush.subject", "mailto:ops@tern.test"));
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair browser = gen.generateKeyPair();
        byte[] uaPublic = encode((ECPublicKey) browser.getPublic());
        byte[] authSecret = new byte[16];
        new SecureRandom().nextBytes(authSecret);
        TestUser alice = fx.user("alice", "a1");
        TestUser bob = fx.user("bob", "b1");
        fx.registerDevice(bob, "{\"platform\":\"webpush\",\"subscription\":{\"endpoint\":\"" + pushService.url("/wp/sub-1")
                + "\",\"keys\":{\"p256dh\":\"" + B64.encodeToString(uaPublic) + "\",\"auth\":\""
                + B64.encodeToString(authSecret) + "\"}},\"locale\":\"de-CH\"}");
        PushFixture.send(fx.connect(alice), PushFixture.chat("m1", bob.userId(), "grüezi"));
        fx.awaitQueued();
        fx.advanceUntil(() -> !pushService.requests().isEmpty());

        PushReceiver.Request r = pushService.requests().get(0);
        assertThat(r.path()).isEqualTo("/wp/sub-1");
        assertThat(r.header("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(r.header("TTL")).isNotNull();
        assertThat(r.header("Topic")).hasSizeLessThanOrEqualTo(32);
        JsonNode payload = FrameCodec.mapper().readTree(decrypt(r.body(), browser, uaPublic, authSecret));
        assertThat(payload.get("title").asText()).isEqualTo("alice");
        assertThat(payload.get("body").asText()).isEqualTo("grüezi");
        assertThat(payload.get("conversationId").asText()).startsWith("p:");

        String publicKey = fx.http().get("/api/push/vapid", null).body().get("publicKey").asText();
        String auth = r.header("Authorization");
        assertThat(auth).startsWith("vapid t=").endsWith(", k=" + publicKey);
        String[] jwt = auth.substring("vapid t=".length(), auth.indexOf(',')).split("\\.");
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(decode(Base64.getUrlDecoder().decode(publicKey)));
        es256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(es256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        JsonNode claims = FrameCodec.mapper().readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.get("aud").asText()).isEqualTo(pushService.url(""));
        assertThat(claims.get("sub").asText()).isEqualTo("mailto:ops@tern.test");

        fx.server = fx.server.restart();
        assertThat(fx.http().get("/api/push/vapid", null).body().get("publicKey").asText()).isEqualTo(publicKey);
    }

    @Test
    void goneSubscription_removesTheDevice() throws Exception {
        fx = new PushFixture(Map.of("push.webpush.allowInsecure", "true"));
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] uaPublic = encode((ECPublicKey) gen.generateKeyPair().getPublic());
        TestUser alice = fx.user("alice", "a1");
        TestUser bob = fx.user("bob", "b1");
        fx.registerDevice(bob, "{\"platform\":\"webpush\",\"subscription\":{\"endpoint\":\"" + pushService.url("/wp/old")
                + "\",\"keys\":{\"p256dh\":\"" + B64.encodeToString(uaPublic) + "\",\"auth\":\""
                + B64.encodeToString(new byte[16]) + "\"}}}");
        pushService.answer(410, "");
        PushFixture.send(fx.connect(alice), PushFixture.chat("m1", bob.userId(), "unsubscribed"));
        fx.awaitQueued();
        fx.advanceUntil(() -> fx.http().get("/api/push/devices", bob.token()).body().get("devices").isEmpty());
    }

    /** The user agent's side of RFC 8291: header, ECDH with the sender's key, HKDF, AES-128-GCM, padding. */
    private static byte[] decrypt(byte[] body, KeyPair browser, byte[] uaPublic, byte[] authSecret) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        assertThat(recordSize).isGreaterThanOrEqualTo(body.length - 86);
        byte[] asPublic = new byte[in.get() & 0xff];
        in.get(asPublic);
        byte[] cipher = new byte[in.remaining()];
        in.get(cipher);
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(browser.getPrivate());
        ecdh.doPhase(decode(asPublic), true);
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
        byte[] ikm = hkdf(authSecret, ecdh.generateSecret(), keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = aes.doFinal(cipher);
        int end = padded.length - 1;
        while (padded[end] == 0) {
            end--;
        }
        assertThat(padded[end]).as("last-record delimiter").isEqualTo((byte) 2);
        return Arrays.copyOf(padded, end);
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        Arrays.stream(parts).forEach(out::put);
        return out.array();
    }

    private static byte[] encode(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        byte[] x = key.getW().getAffineX().toByteArray();
        byte[] y = key.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), out, 1 + 32 - Math.min(32, x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), out, 33 + 32 - Math.min(32, y.length), Math.min(32, y.length));
        return out;
    }

    private static ECPublicKey decode(byte[] point) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey any = (ECPublicKey) gen.generateKeyPair().getPublic();
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, any.getParams()));
    }
}
