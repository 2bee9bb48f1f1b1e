package io.tern.server.config;

import java.nio.file.Path;
import java.time.Duration;

/** The whole configuration of one server node. Built by {@link ConfigLoader}; every value is validated. */
public record TernConfig(Server server, Store store, Auth auth, Session session, Delivery delivery, Limits limits,
                         Tls tls, Cluster cluster, PushConfig push, Media media, Operations operations,
                         Messages messages) {

    /** Message lifecycle (docs/message-lifecycle.md): how long edits and recalls are allowed, reactions per user. */
    public record Messages(Duration editWindow, Duration recallWindow, int maxReactions, int maxScheduled) {
    }

    /**
     * Uploads (docs/media.md): where blobs live ({@code dir}, empty: {@code <store.dataDir>/media}), size limits,
     * the image pixel limit and thumbnail size, how long an upload no message uses is kept, how often that is
     * swept, and how long a signed download link lasts.
     */
    public record Media(Path dir, long maxFileBytes, long userQuotaBytes, long maxImagePixels, int thumbnailSize,
                        Duration orphanTtl, Duration sweepInterval, Duration linkTtl, String linkKey, S3 s3) {
        @Override
        public String toString() {
            return "Media[dir=" + dir + ", storage=" + (s3 == null ? "LOCAL" : s3) + ", linkKey="
                    + (linkKey.isEmpty() ? "<file>" : "****") + "]";
        }
    }

    /**
     * An S3-compatible bucket for media blobs ({@code media.storage=S3}); {@code endpoint} empty means AWS itself,
     * {@code accessKeyId} empty the AWS default credential chain.
     */
    public record S3(String endpoint, String region, String bucket, String prefix, String accessKeyId,
                     String secretAccessKey, boolean pathStyle) {
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                    + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey.isEmpty() ? "" : "****")
                    + ", pathStyle=" + pathStyle + "]";
        }
    }

    /**
     * Running a server for real (docs/operations.md): which reverse proxies may name the client's address;
     * how long messages are kept per conversation kind (zero: forever) and how the purge runs.
     */
    public record Operations(java.util.List<Cidr> trustedProxies, Duration directRetention, Duration groupRetention,
                             Duration purgeInterval, int purgeBatch, Registration registration,
                             DirectChats directChats) {
    }

    /** Who may start a direct chat with a user (docs/people.md); continuing an existing one is not affected. */
    public enum DirectChats {
        ANYONE,
        /** Only a contact (an accepted contact request) of the recipient. */
        CONTACTS
    }

    /** Who may create an account through {@code POST /api/register}; admins always can. */
    public enum Registration {
        /** Anyone who reaches the server. */
        OPEN,
        /** Only with an unused invite code an admin created. */
        INVITE,
        /** Nobody: admins create the accounts. */
        CLOSED
    }

    /** Abuse limits; 0 switches a limit off. */
    public record Limits(int messagesPerSecond, int messageBurst, int loginsPerMinute, int registrationsPerHour,
                         int loginFailuresBeforeBackoff, Duration maxLoginBackoff, int connectionsPerUser,
                         int connectionsPerAddress, int maxOutboundBytes, int lookupsPerMinute,
                         int messageSpendBatch) {
    }

    /** TLS for https:// and wss://: a PEM certificate chain and a PEM PKCS#8 private key; both empty means off. */
    public record Tls(String certFile, String keyFile) {
        public boolean enabled() {
            return !certFile.isEmpty();
        }
    }

    /**
     * Network: where to listen, how large frames and bodies may be, thread counts, and the web origins (besides
     * the server's own) whose pages may open a WebSocket ({@code *}: any).
     */
    public record Server(String host, int port, String publicWsUrl, int maxFrameBytes, int maxHttpBodyBytes,
                         int ioThreads, Transport transport, int blockingThreads, java.util.List<String> allowedOrigins) {
    }

    /**
     * How the event loops talk to the kernel. EPOLL (Netty's native transport) holds a connection in fewer objects
     * than NIO and makes fewer system calls; AUTO takes it where its native library loads (Linux x86-64).
     */
    public enum Transport { AUTO, EPOLL, NIO }

    /**
     * The store: embedded SQLite ({@code dataDir}, {@code synchronous}, {@code readPoolSize}) or PostgreSQL
     * ({@code jdbcUrl}, {@code username}, {@code password}, {@code poolSize}).
     */
    public record Store(Path dataDir, Synchronous synchronous, int batchMaxMessages, int batchMaxBytes, int readPoolSize, StoreKind kind,
                        String jdbcUrl, String username, String password, int poolSize, Duration startWait,
                        Duration deliveredCursorDelay) {
        @Override
        public String toString() {
            return "Store[kind=" + kind + ", dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrl + ", password=****]";
        }
    }

    /** Which database holds the data. */
    public enum StoreKind { SQLITE, POSTGRES }

    /**
     * Cluster mode: SINGLE needs nothing else; REDIS shares routes, the node registry and cross-node delivery
     * through Redis. {@code advertisedWsUrl} may be empty (derived from the bound port).
     */
    public record Cluster(ClusterMode mode, int nodeId, String redisUri, String advertisedWsUrl, Duration heartbeat,
                          Duration ttl, String opsToken, Duration startWait, Duration loginStaleAfter,
                          int routeCacheSize, int moveRate) {
        @Override
        public String toString() {
            return "Cluster[mode=" + mode + ", nodeId=" + nodeId + ", redisUri=" + redisUri + "]";
        }
    }

    /** SINGLE: one node. REDIS: many nodes on Redis and PostgreSQL. */
    public enum ClusterMode { SINGLE, REDIS }

    /** Accounts and tokens. */
    public record Auth(Duration tokenTtl, int bcryptCost) {
    }

    /** Per-connection timing and limits. */
    public record Session(Duration idleTimeout, Duration loginTimeout, Duration ackDeadline, Duration retryInitial,
                          Duration retryMax, int maxUnacked, MultiDevicePolicy multiDevice, Duration longPollGrace) {
    }

    /**
     * Messages: size limit, page sizes, how far back catch-up goes; how pushes are kept in seq order
     * ({@code reorder*}: see {@code core.message.PushOrder}); how many bytes of messages may wait for the writer.
     */
    public record Delivery(int maxContentBytes, int pageSize, int maxPageSize, Duration catchUpWindow,
                           Duration typingInterval, int maxGroupMembers, Duration reorderWait,
                           int reorderMaxConversations, int reorderMaxBuffered, long writerQueueBytes) {
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
