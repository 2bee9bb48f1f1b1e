package io.tern.server.config;

import java.nio.file.Path;
import java.time.Duration;

/** The whole configuration of one server node. Built by {@link ConfigLoader}; every value is validated. */
public record TernConfig(Server server, Store store, Auth auth, Session session, Delivery delivery) {

    /** Network: where to listen, how large frames and bodies may be, thread counts. */
    public record Server(String host, int port, String publicWsUrl, int maxFrameBytes, int maxHttpBodyBytes,
                         int ioThreads, int blockingThreads) {
    }

    /** The embedded SQLite store. */
    public record Store(Path dataDir, Synchronous synchronous, int batchMaxMessages, int readPoolSize) {
    }

    /** Accounts and tokens. */
    public record Auth(Duration tokenTtl, int bcryptCost) {
    }

    /** Per-connection timing and limits. */
    public record Session(Duration idleTimeout, Duration loginTimeout, Duration ackDeadline, Duration retryInitial,
                          Duration retryMax, int maxUnacked, MultiDevicePolicy multiDevice, Duration longPollGrace) {
    }

    /** Messages: size limit, page sizes, how far back catch-up goes. */
    public record Delivery(int maxContentBytes, int pageSize, int maxPageSize, Duration catchUpWindow,
                           Duration typingInterval, int maxGroupMembers) {
    }

    /** SQLite {@code synchronous} mode: FULL survives power loss, NORMAL only a process crash. */
    public enum Synchronous { FULL, NORMAL }

    /** What a second login of the same user does. */
    public enum MultiDevicePolicy {
        /** Every device stays online (default). */
        ALLOW,
        /** The older sessions of the user are kicked. */
        KICK_OLD,
        /** The new session is refused while another is online. */
        REFUSE_NEW
    }
}
