package io.tern.server.core.session;

/**
 * Told when a user's first session on this node registers, or their last one ends. Called on whatever thread
 * registered or ended the session (often an event loop): it must return at once and never block.
 */
public interface UserPresenceListener {
    UserPresenceListener NONE = (userId, online) -> { };

    void changed(long userId, boolean online);
}
