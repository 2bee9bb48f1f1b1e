package io.tern.server.core.push;

/**
 * One notification as the providers send it. {@code id} is stable for a burst ({@code device:conversation:seq}),
 * so a resend after a crash replaces rather than repeats; {@code collapseKey} (the conversation) makes a newer
 * notification replace an older one on the device. Without preview, {@code title} and {@code body} are generic
 * and {@code senderId} is 0.
 */
public record Notification(String id, String collapseKey, String conversationId, long seq, long senderId,
                           String title, String body, int messages, long badge, boolean preview) {
}
