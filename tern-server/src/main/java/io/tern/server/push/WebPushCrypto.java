package io.tern.server.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291 with the aes128gcm content coding of RFC 8188): a fresh P-256 key
 * and salt per message, keys derived with HKDF-SHA256 from the ECDH secret and the subscription's auth secret,
 * one record.
 */
final class WebPushCrypto {
    static final int RECORD_SIZE = 4096;
    private final SecureRandom random;

    WebPushCrypto(SecureRandom random) {
        this.random = random;
    }

    /** The request body: header (salt, record size, the sender's public key) and the one encrypted record. */
    byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair as = gen.generateKeyPair();
        byte[] asPublic = Ec.encode((ECPublicKey) as.getPublic());
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(as.getPrivate());
        ecdh.doPhase(Ec.decode(uaPublic), true);
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[][] keys = keys(ecdh.generateSecret(), authSecret, uaPublic, asPublic, salt);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys[0], "AES"), new GCMParameterSpec(128, keys[1]));
        byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 1);
        padded[plaintext.length] = 2; // delimiter of the last (only) record
        byte[] cipher = aes.doFinal(padded);
        return ByteBuffer.allocate(16 + 4 + 1 + asPublic.length + cipher.length).put(salt).putInt(RECORD_SIZE)
                .put((byte) asPublic.length).put(asPublic).put(cipher).array();
    }

    /** {content encryption key, nonce} from the ECDH secret, as RFC 8291 section 3.4 derives them. */
    static byte[][] keys(byte[] ecdhSecret, byte[] authSecret, byte[] uaPublic, byte[] asPublic, byte[] salt)
            throws GeneralSecurityException {
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
        byte[] ikm = expand(hmac(authSecret, ecdhSecret), keyInfo, 32);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        return new byte[][] {cek, nonce};
    }

    /** HKDF-Expand for output no longer than one hash. */
    private static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
