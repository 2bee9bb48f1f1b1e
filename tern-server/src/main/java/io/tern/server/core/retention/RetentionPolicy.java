package io.tern.server.core.retention;

import java.time.Duration;

/** How long each kind of conversation keeps its messages (zero: forever), and how the purge runs. */
public record RetentionPolicy(Duration direct, Duration group, Duration interval, int batch) {
    public boolean enabled() {
        return !direct.isZero() || !group.isZero();
    }
}
