package io.tern.server.core.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs download links so an {@code <img>} tag can fetch media without an Authorization header: HMAC-SHA256
 * over the media id, the variant and the expiry time, with a key only this server's data directory holds.
 * Whoever has the link may fetch until it expires, so links are short-lived and handed out only after the
 * membership check.
 */
public final class LinkSigner {
    private final SecretKeySpec key;

    public LinkSigner(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a link key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /**
     * The signer with the key in {@code file}, made from {@code random} and written (readable by the owner only,
     * where the file system allows) on first use, so links survive a restart.
     */
    public static LinkSigner fromKeyFile(java.nio.file.Path file, java.security.SecureRandom random)
            throws java.io.IOException {
        if (!java.nio.file.Files.exists(file)) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            java.nio.file.Files.write(tmp, Base64.getEncoder().encode(key));
            try {
                java.nio.file.Files.setPosixFilePermissions(tmp,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data directory's own permissions protect it
            }
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return new LinkSigner(Base64.getDecoder().decode(java.nio.file.Files.readString(file).strip()));
    }

    /** The signature of a link to {@code variant} ("file" or "thumbnail") valid until {@code expiresAt} (epoch seconds). */
    public String sign(String mediaId, String variant, long expiresAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] sig = mac.doFinal((mediaId + "\n" + variant + "\n" + expiresAt).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    /** Whether the signature matches and {@code now} (epoch seconds) is not past the expiry. */
    public boolean valid(String mediaId, String variant, long expiresAt, String signature, long now) {
        if (signature == null || now > expiresAt) {
            return false;
        }
        byte[] expected = sign(mediaId, variant, expiresAt).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
