package io.tern.client.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a console session needs to start, independent of how it was asked for (command line or test).
 *
 * @param username    null: ask for it
 * @param deviceId    null: the server picks a new device id at every start
 * @param historyFile null: the input history lives in memory only, since it holds the messages typed
 */
public record ConsoleOptions(URI server, String username, String deviceId, Path historyFile) {
    public ConsoleOptions {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("the server must be an http:// or https:// URL, not " + server);
        }
    }
}
