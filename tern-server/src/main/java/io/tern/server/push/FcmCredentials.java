package io.tern.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.FrameCodec;
import io.tern.server.config.PushConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * The OAuth bearer token of FCM requests: a static one from {@code push.fcm.bearerToken}, or one obtained from
 * the service account's {@code token_uri} with a JWT signed by its private key (RS256, the JWT bearer grant of
 * RFC 7523), kept until five minutes before it expires.
 */
abstract class FcmCredentials {
    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    abstract CompletableFuture<String> token();

    /** The token was refused (401): fetch a new one next time. */
    void invalidate() {
    }

    static FcmCredentials of(HttpClient http, PushConfig.Fcm config, Clock clock) {
        if (!config.bearerToken().isEmpty()) {
            String token = config.bearerToken();
            return new FcmCredentials() {
                @Override
                CompletableFuture<String> token() {
                    return CompletableFuture.completedFuture(token);
                }
            };
        }
        return new ServiceAccount(http, Path.of(config.serviceAccountFile()), clock);
    }

    /** Signs JWTs with the service account's key and trades them for access tokens. */
    static final class ServiceAccount extends FcmCredentials {
        private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
        private final HttpClient http;
        private final Clock clock;
        private final String email;
        private final URI tokenUri;
        private final PrivateKey key;
        private CompletableFuture<String> current;
        private long expiresAt;

        ServiceAccount(HttpClient http, Path file, Clock clock) {
            this.http = http;
            this.clock = clock;
            try {
                JsonNode json = FrameCodec.mapper().readTree(Files.readString(file));
                this.email = json.path("client_email").asText();
                this.tokenUri = URI.create(json.path("token_uri").asText("https://oauth2.googleapis.com/token"));
                this.key = rsaKey(json.path("private_key").asText());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read FCM service account " + file, e);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("FCM service account " + file + " has no usable private_key", e);
            }
            if (email.isEmpty()) {
                throw new IllegalStateException("FCM service account " + file + " has no client_email");
            }
        }

        @Override
        synchronized CompletableFuture<String> token() {
            long now = clock.millis();
            if (current == null || current.isCompletedExceptionally() || now >= expiresAt) {
                current = fetch(now);
            }
            return current;
        }

        @Override
        synchronized void invalidate() {
            current = null;
        }

        private CompletableFuture<String> fetch(long now) {
            String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer",
                    StandardCharsets.UTF_8) + "&assertion=" + jwt(now / 1000);
            HttpRequest request = HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                try {
                    JsonNode body = FrameCodec.mapper().readTree(r.body());
                    if (r.statusCode() != 200 || !body.hasNonNull("access_token")) {
                        throw new IllegalStateException("token endpoint answered " + r.statusCode());
                    }
                    synchronized (this) {
                        expiresAt = now + body.path("expires_in").asLong(3600) * 1000 - REFRESH_BEFORE.toMillis();
                    }
                    return body.get("access_token").asText();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        private String jwt(long nowSeconds) {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = b64.encodeToString(("{\"iss\":\"" + email + "\",\"scope\":\"" + SCOPE + "\",\"aud\":\""
                    + tokenUri + "\",\"iat\":" + nowSeconds + ",\"exp\":" + (nowSeconds + 3600) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            try {
                Signature rs256 = Signature.getInstance("SHA256withRSA");
                rs256.initSign(key);
                rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
                return header + "." + claims + "." + b64.encodeToString(rs256.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign the FCM JWT", e);
            }
        }

        private static PrivateKey rsaKey(String pem) throws GeneralSecurityException {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
    }
}
