package io.tern.server.config;

import java.util.List;

/** The configuration is invalid; the message lists every problem found, one per line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  " + String.join("\n  ", problems));
    }
}
