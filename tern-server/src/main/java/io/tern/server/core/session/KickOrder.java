package io.tern.server.core.session;

/**
 * Which sessions of a user to close, and why: those opened with {@code onlyToken} (a logout), or all but those
 * opened with {@code keepToken} (null: all; "log out everywhere", a password change, a newer device under
 * {@code session.multiDevice=KICK_OLD}). In a cluster the same order goes to every node.
 */
public record KickOrder(long userId, String onlyToken, String keepToken, String reason) {
    boolean matches(DeviceSession s) {
        String token = s.principal().tokenHash();
        return onlyToken != null ? token.equals(onlyToken) : !token.equals(keepToken);
    }
}
