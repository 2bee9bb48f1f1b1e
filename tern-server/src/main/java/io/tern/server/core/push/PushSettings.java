package io.tern.server.core.push;

/**
 * A user's notification settings: {@code preview} false sends "New message" without sender or text;
 * {@code dndUntil} (epoch ms, wall clock) silences every notification until then (0: off).
 */
public record PushSettings(boolean preview, long dndUntil) {
    public static final PushSettings DEFAULT = new PushSettings(true, 0);

    public boolean dndActive(long now) {
        return dndUntil > now;
    }
}
