package io.tern.server.cluster;

/**
 * The first lines of every script that keeps time: {@code ms}, Redis's own clock in milliseconds. Scripts read
 * the server's clock rather than take one from the caller because it is the one clock all nodes share.
 */
final class LuaClock {
    static final String NOW_MS = "local now = redis.call('TIME')\n"
            + "local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)";

    private LuaClock() {
    }
}
