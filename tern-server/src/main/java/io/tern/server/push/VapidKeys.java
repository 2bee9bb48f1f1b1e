package io.tern.server.push;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;

/**
 * The server's VAPID key pair (P-256), generated at the first start and kept in the data directory, readable
 * by the owner only: browsers bind a subscription to the public key, so a new key would orphan every one.
 */
public final class VapidKeys {
    private final ECPrivateKey privateKey;
    private final byte[] publicKey;

    private VapidKeys(ECPrivateKey privateKey, byte[] publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static VapidKeys loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file)) {
                    p.load(r);
                }
                ECPrivateKey priv = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(p.getProperty("privateKey", ""))));
                return new VapidKeys(priv, Base64.getUrlDecoder().decode(p.getProperty("publicKey", "")));
            }
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = gen.generateKeyPair();
            VapidKeys keys = new VapidKeys((ECPrivateKey) pair.getPrivate(), Ec.encode((ECPublicKey) pair.getPublic()));
            Properties p = new Properties();
            p.setProperty("privateKey", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            p.setProperty("publicKey", keys.publicKeyBase64());
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Tern VAPID keys for Web Push; keep private, do not regenerate");
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's permissions protect it
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write VAPID keys " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("VAPID key file " + file + " is damaged; restore it from a backup", e);
        }
    }

    ECPrivateKey privateKey() {
        return privateKey;
    }

    /** The uncompressed public point, base64url without padding: the browser's applicationServerKey. */
    public String publicKeyBase64() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey);
    }
}
