package io.tern.server.model;

import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * What a {@link ModelDriver} talks to: one server here; in tern-it, three node processes of a cluster. Devices
 * are numbered in the driver's order; a target may send each to a different node.
 */
interface Target extends AutoCloseable {
    /** The WebSocket URL for device {@code device} (without the token). */
    String wsUrl(int device);

    /**
     * Whether a push may be skipped (never sent) while the device is online, to be filled by the device's gap
     * pull (protocol 7.7). Never on one server. In a cluster, a node that was just restarted, or that evicted a
     * conversation from its push order, takes the first push it sees as the start: an earlier seq still in
     * flight from another node is then not pushed (pushes never go out of order; the client pulls the gap).
     */
    default boolean pushesMaySkip() {
        return false;
    }

    /** HTTP to the server (any node). */
    Http http();

    /** Base of HTTP URLs, e.g. {@code http://127.0.0.1:8080}. */
    String httpBase();

    /**
     * Takes the server down and up again; answers which devices lost their connection. One server: a clean
     * stop and a start on the same data directory (every device). A cluster: one node killed and started again.
     */
    IntPredicate restart();

    @Override
    void close();

    /** One server on a free port, SQLite in a temporary directory. */
    static Target single(Map<String, String> settings) {
        return new Target() {
            private TestServer server = TestServer.start(settings);

            @Override
            public String wsUrl(int device) {
                return server.wsUrl();
            }

            @Override
            public Http http() {
                return server.http();
            }

            @Override
            public String httpBase() {
                return "http://127.0.0.1:" + server.port();
            }

            @Override
            public IntPredicate restart() {
                server = server.restart();
                return device -> true;
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
