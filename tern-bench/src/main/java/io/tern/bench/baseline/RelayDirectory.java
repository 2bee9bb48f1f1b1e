package io.tern.bench.baseline;

import java.util.concurrent.ConcurrentHashMap;

/** The relay's only shared state: connection id to connection. */
final class RelayDirectory {
    private final ConcurrentHashMap<Long, RelayHandler> connections = new ConcurrentHashMap<>();

    void register(long id, RelayHandler handler) {
        connections.put(id, handler);
    }

    void remove(long id, RelayHandler handler) {
        connections.remove(id, handler);
    }

    RelayHandler get(long id) {
        return connections.get(id);
    }
}
