package io.tern.server.core.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The idempotency fingerprint of a message: SHA-256 of its conversation and its content, exactly as sent.
 * A resend of (sender, clientMsgId) is the same message only if this matches; the conversation covers the
 * recipient (a direct conversation names both users). Computed when a draft is made, on the sender's thread,
 * so the single writer does not spend its time on it.
 */
public final class ContentHash {
    private ContentHash() {
    }

    public static String of(String conversationId, String content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(conversationId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
