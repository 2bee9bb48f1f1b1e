package io.tern.server.core.push;

/** A muted conversation; {@code until} is epoch ms on the wall clock, null for "until unmuted". */
public record Mute(String conversationId, Long until) {
    public boolean activeAt(long now) {
        return until == null || until > now;
    }
}
