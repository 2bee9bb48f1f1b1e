package io.tern.server.config;

import java.util.List;

/** Every configuration key with its default and meaning. docs/configuration.md lists the same keys. */
public final class ConfigKeys {
    /** One configuration key. */
    public record Key(String name, String defaultValue, String doc) {
        /** The environment variable that overrides this key: {@code TERN_} + upper case, dots as underscores. */
        public String envName() {
            return "TERN_" + name.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
        }
    }

    public static final Key HOST = new Key("server.host", "0.0.0.0", "address to listen on");
    public static final Key PORT = new Key("server.port", "8080", "HTTP and WebSocket port (0 picks a free port)");
    public static final Key PUBLIC_WS_URL = new Key("server.publicWsUrl", "",
            "WebSocket URL returned by login; empty derives ws://<Host header>/ws");
    public static final Key MAX_FRAME_BYTES = new Key("server.maxFrameBytes", "65536",
            "largest WebSocket frame accepted; larger ones get FRAME_TOO_LARGE");
    public static final Key MAX_HTTP_BODY_BYTES = new Key("server.maxHttpBodyBytes", "65536", "largest HTTP body accepted");
    public static final Key IO_THREADS = new Key("server.ioThreads", "0", "Netty event-loop threads (0: two per core)");
    public static final Key TRANSPORT = new Key("server.transport", "AUTO",
            "network transport: AUTO (Linux epoll where its native library loads, else NIO), EPOLL or NIO");
    public static final Key BLOCKING_THREADS = new Key("server.blockingThreads", "4",
            "threads for password hashing and store reads");
    public static final Key DATA_DIR = new Key("store.dataDir", "./data", "directory of the SQLite database");
    public static final Key SYNCHRONOUS = new Key("store.synchronous", "FULL",
            "SQLite synchronous mode: FULL (survives power loss) or NORMAL (survives a process crash)");
    public static final Key BATCH_MAX = new Key("store.batchMaxMessages", "5000",
            "most messages committed in one transaction (group commit)");
    public static final Key BATCH_MAX_BYTES = new Key("store.batchMaxBytes", "4194304",
            "most bytes of message content committed in one transaction; a batch is cut at whichever bound comes first");
    public static final Key READ_POOL = new Key("store.readPoolSize", "4", "read connections to the store");
    public static final Key TOKEN_TTL = new Key("auth.tokenTtl", "30d", "how long a login token stays valid");
    public static final Key BCRYPT_COST = new Key("auth.bcryptCost", "10", "bcrypt cost factor (4..31)");
    public static final Key IDLE_TIMEOUT = new Key("session.idleTimeout", "30s",
            "a connection silent this long gets HEARTBEAT_TIMEOUT and is closed");
    public static final Key LOGIN_TIMEOUT = new Key("session.loginTimeout", "5s",
            "a connection without a token must send USER_LOGIN within this time");
    public static final Key ACK_DEADLINE = new Key("session.ackDeadline", "10s",
            "a connection that leaves a push unacknowledged this long is closed");
    public static final Key RETRY_INITIAL = new Key("session.retryInitial", "1s", "first re-push of an unacked message");
    public static final Key RETRY_MAX = new Key("session.retryMax", "4s", "longest wait between re-pushes (doubling)");
    public static final Key MAX_UNACKED = new Key("session.maxUnacked", "5000",
            "unacknowledged pushes a connection may hold before it is closed as a slow consumer");
    public static final Key MULTI_DEVICE = new Key("session.multiDevice", "ALLOW",
            "second login of a user: ALLOW, KICK_OLD or REFUSE_NEW");
    public static final Key LONG_POLL_GRACE = new Key("session.longPollGrace", "30s",
            "a long-poll device counts as online this long after its last poll ended");
    public static final Key MAX_CONTENT_BYTES = new Key("delivery.maxContentBytes", "32768",
            "largest message content (UTF-8 bytes of its JSON)");
    public static final Key PAGE_SIZE = new Key("delivery.pageSize", "100", "default page of PULL and history");
    public static final Key MAX_PAGE_SIZE = new Key("delivery.maxPageSize", "500", "largest page a client may ask for");
    public static final Key CATCH_UP_WINDOW = new Key("delivery.catchUpWindow", "7d",
            "how far back SYNC offers messages a device has not received");
    public static final Key TYPING_INTERVAL = new Key("delivery.typingInterval", "2s",
            "at most one TYPING notice per connection and conversation in this time");
    public static final Key MAX_GROUP_MEMBERS = new Key("delivery.maxGroupMembers", "2000", "most members of one group");
    public static final Key WRITER_QUEUE_BYTES = new Key("delivery.writerQueueBytes", "67108864",
            "bytes of messages (content, estimated) that may wait for the store writer; beyond it sends get UNAVAILABLE");
    public static final Key REORDER_WAIT = new Key("delivery.reorderWait", "200ms",
            "a push that arrives before an earlier seq of its conversation waits this long for it, then the missing "
                    + "seqs are read from the store; in a cluster, also how long a conversation new to a node whose "
                    + "first push is above seq 1 waits for earlier seqs (at most 10s)");
    public static final Key REORDER_MAX_CONVERSATIONS = new Key("delivery.reorderMaxConversations", "100000",
            "conversations whose next seq a node tracks to push in order; the least recently used is forgotten");
    public static final Key REORDER_MAX_BUFFERED = new Key("delivery.reorderMaxBuffered", "10000",
            "pushes a node holds back for earlier seqs; beyond that a gap is filled from the store at once");

    public static final Key MESSAGES_PER_SECOND = new Key("limits.messagesPerSecond", "100",
            "messages a user may send per second, sustained (0: no limit)");
    public static final Key MESSAGE_BURST = new Key("limits.messageBurst", "500",
            "messages a user may send at once above the sustained rate");
    public static final Key MESSAGE_SPEND_BATCH = new Key("limits.messageSpendBatch", "10",
            "cluster: messages of a user a node lets through before it spends them from the shared Redis bucket "
                    + "(one script call per batch, or per second; 1..10000)");
    public static final Key LOGINS_PER_MINUTE = new Key("limits.loginsPerMinute", "60",
            "login attempts per minute from one address (0: no limit)");
    public static final Key REGISTRATIONS_PER_HOUR = new Key("limits.registrationsPerHour", "30",
            "registrations per hour from one address (0: no limit)");
    public static final Key LOGIN_FAILURES = new Key("limits.loginFailuresBeforeBackoff", "5",
            "failed logins of a username before each further attempt must wait (an address gets four times as many; 0: off)");
    public static final Key MAX_LOGIN_BACKOFF = new Key("limits.maxLoginBackoff", "15m",
            "longest wait after failed logins (the wait doubles from 1s)");
    public static final Key CONNECTIONS_PER_USER = new Key("limits.connectionsPerUser", "20",
            "WebSocket sessions one user may hold at once (0: no limit)");
    public static final Key CONNECTIONS_PER_ADDRESS = new Key("limits.connectionsPerAddress", "1000",
            "open connections from one IP address (0: no limit)");
    public static final Key MAX_OUTBOUND_BYTES = new Key("limits.maxOutboundBytes", "4194304",
            "bytes queued for a connection that does not read before it is closed as a slow consumer");
    public static final Key LOOKUPS_PER_MINUTE = new Key("limits.lookupsPerMinute", "120",
            "user lookups (by name, presence, online list) one user may make per minute (0: no limit)");
    public static final Key ALLOWED_ORIGINS = new Key("server.allowedOrigins", "",
            "web origins besides the server's own whose pages may open a WebSocket, comma-separated "
                    + "(https://chat.example.com), or * for any; clients that send no Origin (apps, SDKs) are not affected");
    public static final Key TLS_CERT = new Key("server.tls.certFile", "",
            "PEM certificate chain; with server.tls.keyFile, serves https:// and wss:// (empty: plain)");
    public static final Key TLS_KEY = new Key("server.tls.keyFile", "", "PEM PKCS#8 private key of the certificate");

    public static final Key STORE_KIND = new Key("store.kind", "SQLITE",
            "SQLITE (one file under store.dataDir, single node) or POSTGRES (store.jdbcUrl; required by cluster.mode=REDIS)");
    public static final Key JDBC_URL = new Key("store.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/tern",
            "PostgreSQL JDBC URL, used when store.kind=POSTGRES");
    public static final Key DB_USERNAME = new Key("store.username", "tern", "PostgreSQL user");
    public static final Key DB_PASSWORD = new Key("store.password", "", "PostgreSQL password (masked in the log)");
    public static final Key POOL_SIZE = new Key("store.poolSize", "16",
            "PostgreSQL connections of this node (reads, and one at a time for the message writer)");
    public static final Key DELIVERED_CURSOR_DELAY = new Key("store.deliveredCursorDelay", "200ms",
            "longest a delivered cursor (moved by ACKs) waits to be written, merged with later ACKs; 0: every batch");
    public static final Key STORE_START_WAIT = new Key("store.startWait", "2m",
            "how long a starting node waits for PostgreSQL (capped exponential backoff) before it exits");
    public static final Key CLUSTER_MODE = new Key("cluster.mode", "SINGLE",
            "SINGLE (one node, nothing shared) or REDIS (many nodes sharing Redis and PostgreSQL)");
    public static final Key NODE_ID = new Key("cluster.nodeId", "0",
            "this node's id, 0..1023, unique in the cluster; also part of every msgId it allocates");
    public static final Key REDIS_URI = new Key("cluster.redisUri", "redis://127.0.0.1:6379",
            "Redis of the cluster (redis://, rediss://, redis-sentinel:// or redis-cluster://, Lettuce URI syntax)");
    public static final Key ADVERTISED_WS_URL = new Key("cluster.advertisedWsUrl", "",
            "WebSocket URL clients use to reach this node; empty derives ws://<server.host>:<bound port>/ws");
    public static final Key HEARTBEAT = new Key("cluster.heartbeat", "500ms",
            "how often the node refreshes its registry entry in Redis (the routes of its devices: about every cluster.ttl / 3)");
    public static final Key NODE_TTL = new Key("cluster.ttl", "10s",
            "a node (and its routes) not refreshed this long counts as gone; at least twice cluster.heartbeat");
    public static final Key CLUSTER_START_WAIT = new Key("cluster.startWait", "30s",
            "how long a starting node waits for Redis before it starts without it (local users only; joins when Redis answers)");
    public static final Key LOGIN_STALE_AFTER = new Key("cluster.loginStaleAfter", "1500ms",
            "a node whose heartbeat has not been seen for this long gets no logins; longer than cluster.heartbeat");
    public static final Key ROUTE_CACHE_SIZE = new Key("cluster.routeCacheSize", "100000",
            "users whose device routes a node keeps cached for cross-node delivery (0: ask Redis for every message)");
    public static final Key MOVE_RATE = new Key("cluster.moveRate", "200",
            "clients a second a draining or rebalancing node moves to other nodes when the order names no rate (1..100000)");
    public static final Key OPS_TOKEN = new Key("cluster.opsToken", "",
            "bearer token operators send to GET /api/nodes and /metrics; empty: /api/nodes is off (403) and /metrics answers loopback only");

    public static final Key MEDIA_DIR = new Key("media.dir", "",
            "directory of uploaded media (content-addressed blobs); empty: <store.dataDir>/media");
    public static final Key MEDIA_MAX_FILE_BYTES = new Key("media.maxFileBytes", "26214400",
            "largest upload in bytes; larger ones get MEDIA_TOO_LARGE");
    public static final Key MEDIA_USER_QUOTA_BYTES = new Key("media.userQuotaBytes", "1073741824",
            "bytes of uploads (with thumbnails) one user may keep (0: no quota)");
    public static final Key MEDIA_MAX_IMAGE_PIXELS = new Key("media.maxImagePixels", "40000000",
            "largest image accepted, in width x height as its header declares (decompression bombs)");
    public static final Key MEDIA_THUMBNAIL_SIZE = new Key("media.thumbnailSize", "320",
            "longest side of an image thumbnail, in pixels");
    public static final Key MEDIA_ORPHAN_TTL = new Key("media.orphanTtl", "24h",
            "an upload no message references is deleted this long after it was uploaded or last sent");
    public static final Key MEDIA_SWEEP_INTERVAL = new Key("media.sweepInterval", "10m",
            "how often uploads past media.orphanTtl are looked for");
    public static final Key MEDIA_LINK_TTL = new Key("media.linkTtl", "10m",
            "how long a signed media link (for <img> without a token) stays valid");
    public static final Key MEDIA_LINK_KEY = new Key("media.linkKey", "",
            "base64 of at least 32 random bytes that sign media links (masked in the log); every node of a cluster "
                    + "needs the same; empty: a key made on first start in media.dir/link.key");
    public static final Key MEDIA_STORAGE = new Key("media.storage", "LOCAL",
            "where media blobs are kept: LOCAL (files under media.dir) or S3 (an S3-compatible bucket, media.s3.*)");
    public static final Key MEDIA_S3_ENDPOINT = new Key("media.s3.endpoint", "",
            "S3 API URL such as http://127.0.0.1:9000 (MinIO, Ceph, R2); empty: AWS S3 of media.s3.region");
    public static final Key MEDIA_S3_REGION = new Key("media.s3.region", "us-east-1", "region the bucket is in (signing)");
    public static final Key MEDIA_S3_BUCKET = new Key("media.s3.bucket", "", "bucket of the blobs; must exist");
    public static final Key MEDIA_S3_PREFIX = new Key("media.s3.prefix", "",
            "prefix of every object key, such as tern/ to share a bucket");
    public static final Key MEDIA_S3_ACCESS_KEY = new Key("media.s3.accessKeyId", "",
            "access key id; empty: the AWS default credential chain (environment, profile, instance role)");
    public static final Key MEDIA_S3_SECRET = new Key("media.s3.secretAccessKey", "",
            "secret access key (masked in the log)");
    public static final Key MEDIA_S3_PATH_STYLE = new Key("media.s3.pathStyle", "false",
            "true: http://endpoint/bucket/key (MinIO, Ceph, most self-hosted); false: http://bucket.endpoint/key");

    /** Where blobs live, beyond the local directory. */
    public static final List<Key> MEDIA_STORAGE_KEYS = List.of(MEDIA_LINK_KEY, MEDIA_STORAGE, MEDIA_S3_ENDPOINT,
            MEDIA_S3_REGION, MEDIA_S3_BUCKET, MEDIA_S3_PREFIX, MEDIA_S3_ACCESS_KEY, MEDIA_S3_SECRET, MEDIA_S3_PATH_STYLE);

    public static final Key PUSH_ENABLED = new Key("push.enabled", "true",
            "offline push notifications: the worker that turns committed messages into notifications (docs/push.md)");
    public static final Key PUSH_DELAY = new Key("push.delay", "10s",
            "a device that has not received (acked) a message this long after it was committed is notified");
    public static final Key PUSH_POLL = new Key("push.pollInterval", "250ms", "how often the push worker reads the message log");
    public static final Key PUSH_LOOKBACK = new Key("push.scanLookback", "10s",
            "commit time the push worker rescans for commits that became visible late (other nodes' clocks)");
    public static final Key PUSH_RETRY_INITIAL = new Key("push.retryInitial", "5s", "first retry of a failed notification");
    public static final Key PUSH_RETRY_MAX = new Key("push.retryMax", "5m", "longest wait between retries (doubling)");
    public static final Key PUSH_MAX_ATTEMPTS = new Key("push.maxAttempts", "8", "attempts before a notification is dropped");
    public static final Key PUSH_MAX_QUEUED = new Key("push.maxQueued", "100000",
            "notification jobs the worker schedules in memory; more wait in the store");
    public static final Key PUSH_MAX_IN_FLIGHT = new Key("push.maxInFlight", "64", "notifications sent at once");
    public static final Key PUSH_MAX_DEVICES = new Key("push.maxDevicesPerUser", "10", "push devices one user may register");
    public static final Key PUSH_WEBHOOK_URL = new Key("push.webhook.url", "",
            "URL of your own push service; every webhook notification is POSTed there (empty: webhook off)");
    public static final Key PUSH_WEBHOOK_SECRET = new Key("push.webhook.secret", "",
            "HMAC-SHA256 key of the X-Tern-Signature header (required with push.webhook.url)");
    public static final Key PUSH_FCM_PROJECT = new Key("push.fcm.projectId", "", "Firebase project id (empty: FCM off)");
    public static final Key PUSH_FCM_ENDPOINT = new Key("push.fcm.endpoint",
            "https://fcm.googleapis.com/v1/projects/{project}/messages:send", "FCM HTTP v1 send URL ({project} is replaced)");
    public static final Key PUSH_FCM_ACCOUNT = new Key("push.fcm.serviceAccountFile", "",
            "service-account JSON; the OAuth token is fetched with a signed JWT from its token_uri");
    public static final Key PUSH_FCM_TOKEN = new Key("push.fcm.bearerToken", "",
            "a static OAuth bearer token instead of a service account (tests, or a token refreshed outside)");
    public static final Key PUSH_APNS_HOST = new Key("push.apns.host", "api.push.apple.com",
            "APNs host (api.sandbox.push.apple.com for development builds)");
    public static final Key PUSH_APNS_PORT = new Key("push.apns.port", "443", "APNs port");
    public static final Key PUSH_APNS_TOPIC = new Key("push.apns.topic", "", "the app's bundle id (empty: APNs off)");
    public static final Key PUSH_APNS_KEY = new Key("push.apns.signingKeyFile", "", "APNs auth key (.p8, PKCS#8 PEM)");
    public static final Key PUSH_APNS_TEAM = new Key("push.apns.teamId", "", "Apple developer team id");
    public static final Key PUSH_APNS_KEY_ID = new Key("push.apns.keyId", "", "id of the APNs auth key");
    public static final Key PUSH_APNS_TRUST = new Key("push.apns.trustedCertFile", "",
            "PEM certificate to trust instead of the system roots (a local stand-in for APNs)");
    public static final Key PUSH_WEBPUSH = new Key("push.webpush.enabled", "true",
            "Web Push with VAPID; keys are generated at first start in store.dataDir/push-vapid.properties");
    public static final Key PUSH_WEBPUSH_SUBJECT = new Key("push.webpush.subject", "mailto:admin@localhost",
            "VAPID subject: a mailto: or https: contact for push services");
    public static final Key PUSH_WEBPUSH_INSECURE = new Key("push.webpush.allowInsecure", "false",
            "accept http:// subscription endpoints (local tests only)");

    public static final List<Key> PUSH = List.of(PUSH_ENABLED, PUSH_DELAY, PUSH_POLL, PUSH_LOOKBACK, PUSH_RETRY_INITIAL,
            PUSH_RETRY_MAX, PUSH_MAX_ATTEMPTS, PUSH_MAX_QUEUED, PUSH_MAX_IN_FLIGHT, PUSH_MAX_DEVICES, PUSH_WEBHOOK_URL,
            PUSH_WEBHOOK_SECRET, PUSH_FCM_PROJECT, PUSH_FCM_ENDPOINT, PUSH_FCM_ACCOUNT, PUSH_FCM_TOKEN, PUSH_APNS_HOST,
            PUSH_APNS_PORT, PUSH_APNS_TOPIC, PUSH_APNS_KEY, PUSH_APNS_TEAM, PUSH_APNS_KEY_ID, PUSH_APNS_TRUST,
            PUSH_WEBPUSH, PUSH_WEBPUSH_SUBJECT, PUSH_WEBPUSH_INSECURE);

    public static final Key TRUSTED_PROXIES = new Key("server.trustedProxies", "",
            "reverse proxies (IP addresses or CIDR blocks, comma-separated) whose X-Forwarded-For / Forwarded "
                    + "headers name the client's address; empty: those headers are ignored");
    public static final Key DIRECT_RETENTION = new Key("retention.direct", "0",
            "one-to-one messages older than this are purged (0: kept forever)");
    public static final Key GROUP_RETENTION = new Key("retention.group", "0",
            "group messages older than this are purged (0: kept forever)");
    public static final Key PURGE_INTERVAL = new Key("retention.purgeInterval", "1h", "how often the purge job runs");
    public static final Key PURGE_BATCH = new Key("retention.purgeBatch", "500",
            "messages deleted per short transaction by the purge job");
    public static final Key REGISTRATION = new Key("auth.registration", "OPEN",
            "who may register: OPEN (anyone), INVITE (with an invite code from an admin) or CLOSED (admins create accounts)");
    public static final Key DIRECT_CHATS = new Key("auth.directChats", "ANYONE",
            "who may start a direct chat with a user: ANYONE, or CONTACTS (only their contacts; docs/people.md)");

    public static final Key EDIT_WINDOW = new Key("messages.editWindow", "48h",
            "how long after sending its author may edit a message");
    public static final Key RECALL_WINDOW = new Key("messages.recallWindow", "24h",
            "how long after sending its author may recall a message (a group's owner and admins: any time)");
    public static final Key MAX_REACTIONS = new Key("messages.maxReactions", "20",
            "different reactions one user may put on one message");
    public static final Key MAX_SCHEDULED = new Key("messages.maxScheduled", "100",
            "scheduled messages one user may have waiting");
    public static final List<Key> LIFECYCLE = List.of(EDIT_WINDOW, RECALL_WINDOW, MAX_REACTIONS, MAX_SCHEDULED);

    public static final List<Key> ALL = java.util.stream.Stream.of(List.of(HOST, PORT, PUBLIC_WS_URL, MAX_FRAME_BYTES, MAX_HTTP_BODY_BYTES,
            IO_THREADS, TRANSPORT, BLOCKING_THREADS, DATA_DIR, SYNCHRONOUS, BATCH_MAX, BATCH_MAX_BYTES, READ_POOL, TOKEN_TTL, BCRYPT_COST,
            IDLE_TIMEOUT, LOGIN_TIMEOUT, ACK_DEADLINE, RETRY_INITIAL, RETRY_MAX, MAX_UNACKED, MULTI_DEVICE, LONG_POLL_GRACE,
            MAX_CONTENT_BYTES, PAGE_SIZE, MAX_PAGE_SIZE, CATCH_UP_WINDOW, TYPING_INTERVAL,
            MAX_GROUP_MEMBERS, WRITER_QUEUE_BYTES, REORDER_WAIT, REORDER_MAX_CONVERSATIONS, REORDER_MAX_BUFFERED, MESSAGES_PER_SECOND, MESSAGE_BURST, LOGINS_PER_MINUTE, REGISTRATIONS_PER_HOUR,
            LOGIN_FAILURES, MAX_LOGIN_BACKOFF, CONNECTIONS_PER_USER, CONNECTIONS_PER_ADDRESS, MAX_OUTBOUND_BYTES,
            LOOKUPS_PER_MINUTE, MESSAGE_SPEND_BATCH, ALLOWED_ORIGINS, TLS_CERT, TLS_KEY,
            STORE_KIND, JDBC_URL, DB_USERNAME, DB_PASSWORD, POOL_SIZE, STORE_START_WAIT, DELIVERED_CURSOR_DELAY, CLUSTER_MODE, NODE_ID, REDIS_URI,
            ADVERTISED_WS_URL, HEARTBEAT, NODE_TTL, CLUSTER_START_WAIT, LOGIN_STALE_AFTER, ROUTE_CACHE_SIZE, MOVE_RATE, OPS_TOKEN, MEDIA_DIR, MEDIA_MAX_FILE_BYTES, MEDIA_USER_QUOTA_BYTES,
            MEDIA_MAX_IMAGE_PIXELS, MEDIA_THUMBNAIL_SIZE, MEDIA_ORPHAN_TTL, MEDIA_SWEEP_INTERVAL, MEDIA_LINK_TTL, TRUSTED_PROXIES,
            DIRECT_RETENTION, GROUP_RETENTION, PURGE_INTERVAL, PURGE_BATCH, REGISTRATION, DIRECT_CHATS),
            PUSH, LIFECYCLE, MEDIA_STORAGE_KEYS).flatMap(List::stream).toList();

    private ConfigKeys() {
    }
}
