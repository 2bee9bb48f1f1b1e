package io.tern.server.core.admin;

/** Closes every live session of a user; nothing to close when the tools run on a stopped server's data. */
@FunctionalInterface
public interface SessionCloser {
    SessionCloser NONE = userId -> { };

    void closeAll(long userId);
}
