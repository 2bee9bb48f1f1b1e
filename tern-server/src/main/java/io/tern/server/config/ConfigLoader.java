package io.tern.server.config;

import static io.tern.server.config.ConfigKeys.*;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds a {@link TernConfig} from, in rising precedence: the defaults in {@link ConfigKeys}, a
 * properties file, {@code TERN_*} environment variables, and command-line overrides. Unknown keys and bad
 * values are all reported at once.
 */
public final class ConfigLoader {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConfigLoader.class);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Duration MAX_DURATION = Duration.ofDays(3650);

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader() {
    }

    /** Loads the configuration; {@code file} may be null. */
    public static TernConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        ConfigLoader loader = new ConfigLoader();
        ALL.forEach(key -> loader.values.put(key.name(), key.defaultValue()));
        if (file != null) {
            loader.readFile(file);
        }
        ALL.forEach(key -> {
            String value = env.get(key.envName());
            if (value != null) {
                loader.values.put(key.name(), value);
            }
        });
        loader.putAll(overrides, "command line");
        TernConfig config = loader.build();
        log.info("effective configuration: {}", loader.effective());
        return config;
    }

    /** The effective key/value pairs, for the start-up log; values of secret-looking keys are masked. */
    private Map<String, String> effective() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, k.matches("(?i).*(password|secret|token|key)$") && !v.isEmpty() ? "****" : v));
        return out;
    }

    private void readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read config file " + file + ": " + e.getMessage()));
        }
        Map<String, String> fromFile = properties.stringPropertyNames().stream()
                .collect(Collectors.toMap(k -> k, k -> properties.getProperty(k).trim()));
        putAll(fromFile, "config file " + file);
    }

    private void putAll(Map<String, String> source, String origin) {
        Set<String> known = values.keySet();
        source.forEach((key, value) -> {
            if (known.contains(key)) {
                values.put(key, value);
            } else {
                problems.add("unknown key '" + key + "' in " + origin);
            }
        });
    }

    private TernConfig build() {
        TernConfig.Server server = new TernConfig.Server(
                text(HOST), integer(PORT, 0, 65535), text(PUBLIC_WS_URL),
                integer(MAX_FRAME_BYTES, 256, 16 << 20), integer(MAX_HTTP_BODY_BYTES, 256, 16 << 20),
                integer(IO_THREADS, 0, 1024),
                enumValue(TRANSPORT, TernConfig.Transport.class, TernConfig.Transport.AUTO), integer(BLOCKING_THREADS, 1, 1024), origins(ALLOWED_ORIGINS));
        TernConfig.Store store = new TernConfig.Store(Path.of(text(DATA_DIR)),
                enumValue(SYNCHRONOUS, TernConfig.Synchronous.class, TernConfig.Synchronous.FULL),
                integer(BATCH_MAX, 1, 100_000), integer(BATCH_MAX_BYTES, 1 << 16, 1 << 30), integer(READ_POOL, 1, 64),
                enumValue(STORE_KIND, TernConfig.StoreKind.class, TernConfig.StoreKind.SQLITE), text(JDBC_URL),
                text(DB_USERNAME), values.get(DB_PASSWORD.name()), integer(POOL_SIZE, 2, 1024),
                duration(STORE_START_WAIT), cursorDelay());
        TernConfig.Cluster cluster = cluster(store);
        TernConfig.Auth auth = new TernConfig.Auth(duration(TOKEN_TTL), integer(BCRYPT_COST, 4, 31));
        TernConfig.Session session = new TernConfig.Session(duration(IDLE_TIMEOUT), duration(LOGIN_TIMEOUT),
                duration(ACK_DEADLINE), duration(RETRY_INITIAL), duration(RETRY_MAX), integer(MAX_UNACKED, 1, 1_000_000),
                enumValue(MULTI_DEVICE, TernConfig.MultiDevicePolicy.class, TernConfig.MultiDevicePolicy.ALLOW),
                duration(LONG_POLL_GRACE));
        TernConfig.Delivery delivery = new TernConfig.Delivery(integer(MAX_CONTENT_BYTES, 16, 16 << 20),
                integer(PAGE_SIZE, 1, 10_000), integer(MAX_PAGE_SIZE, 1, 10_000), duration(CATCH_UP_WINDOW),
                duration(TYPING_INTERVAL), integer(MAX_GROUP_MEMBERS, 2, 100_000), duration(REORDER_WAIT),
                integer(REORDER_MAX_CONVERSATIONS, 1, 10_000_000), integer(REORDER_MAX_BUFFERED, 1, 10_000_000),
                integer(WRITER_QUEUE_BYTES, 1 << 20, 1 << 30));
        if (delivery.reorderWait().compareTo(Duration.ofSeconds(10)) > 0) {
            problems.add(REORDER_WAIT.name() + " must be at most 10s: every push after a lost one waits that long");
        }
        if (delivery.pageSize() > delivery.maxPageSize()) {
            problems.add(PAGE_SIZE.name() + " must not exceed " + MAX_PAGE_SIZE.name());
        }
        if (session.retryInitial().compareTo(session.retryMax()) > 0) {
            problems.add(RETRY_INITIAL.name() + " must not exceed " + RETRY_MAX.name());
        }
        if (delivery.writerQueueBytes() < 4L * delivery.maxContentBytes()) {
            problems.add(WRITER_QUEUE_BYTES.name() + " must be at least four times " + MAX_CONTENT_BYTES.name());
        }
        if (delivery.maxContentBytes() > server.maxFrameBytes()) {
            problems.add(MAX_CONTENT_BYTES.name() + " must not exceed " + MAX_FRAME_BYTES.name());
        }
        TernConfig.Limits limits = new TernConfig.Limits(integer(MESSAGES_PER_SECOND, 0, 1_000_000),
                integer(MESSAGE_BURST, 1, 1_000_000), integer(LOGINS_PER_MINUTE, 0, 1_000_000),
                integer(REGISTRATIONS_PER_HOUR, 0, 1_000_000), integer(LOGIN_FAILURES, 0, 1000),
                duration(MAX_LOGIN_BACKOFF), integer(CONNECTIONS_PER_USER, 0, 1_000_000),
                integer(CONNECTIONS_PER_ADDRESS, 0, 10_000_000), integer(MAX_OUTBOUND_BYTES, 65_536, 1 << 30),
                integer(LOOKUPS_PER_MINUTE, 0, 1_000_000), integer(MESSAGE_SPEND_BATCH, 1, 10_000));
        TernConfig.Tls tls = new TernConfig.Tls(text(TLS_CERT), text(TLS_KEY));
        if (tls.certFile().isEmpty() != tls.keyFile().isEmpty()) {
            problems.add(TLS_CERT.name() + " and " + TLS_KEY.name() + " must be given together");
        }
        for (String file : new String[] {tls.certFile(), tls.keyFile()}) {
            if (!file.isEmpty() && !java.nio.file.Files.isReadable(Path.of(file))) {
                problems.add("TLS file " + file + " is not readable");
            }
        }
        TernConfig.Media media = media(store);
        PushConfig push = PushConfigReader.read(this::text, this::integer, this::duration, problems);
        TernConfig.Operations operations = new TernConfig.Operations(cidrs(TRUSTED_PROXIES),
                durationOrZero(DIRECT_RETENTION), durationOrZero(GROUP_RETENTION), duration(PURGE_INTERVAL),
                integer(PURGE_BATCH, 1, 100_000),
                enumValue(REGISTRATION, TernConfig.Registration.class, TernConfig.Registration.OPEN),
                enumValue(DIRECT_CHATS, TernConfig.DirectChats.class, TernConfig.DirectChats.ANYONE));
        for (ConfigKeys.Key key : List.of(DIRECT_RETENTION, GROUP_RETENTION)) {
            Duration keep = key == DIRECT_RETENTION ? operations.directRetention() : operations.groupRetention();
            if (!keep.isZero() && keep.compareTo(delivery.catchUpWindow()) < 0) {
                problems.add(key.name() + " must be 0 (forever) or at least " + CATCH_UP_WINDOW.name()
                        + ": messages waiting for an offline device would be purged before it could catch up");
            }
        }
        TernConfig.Messages messages = new TernConfig.Messages(duration(EDIT_WINDOW), duration(RECALL_WINDOW),
                integer(MAX_REACTIONS, 1, 1000), integer(MAX_SCHEDULED, 0, 100_000));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new TernConfig(server, store, auth, session, delivery, limits, tls, cluster, push, media, operations,
                messages);
    }

    private TernConfig.Media media(TernConfig.Store store) {
        String dir = text(MEDIA_DIR);
        TernConfig.Media media = new TernConfig.Media(dir.isEmpty() ? store.dataDir().resolve("media") : Path.of(dir),
                longValue(MEDIA_MAX_FILE_BYTES, 1, 1L << 40), longValue(MEDIA_USER_QUOTA_BYTES, 0, 1L << 50),
                longValue(MEDIA_MAX_IMAGE_PIXELS, 1, 1L << 32), integer(MEDIA_THUMBNAIL_SIZE, 16, 4096),
                duration(MEDIA_ORPHAN_TTL), duration(MEDIA_SWEEP_INTERVAL), duration(MEDIA_LINK_TTL), linkKey(),
                s3());
        if (media.s3() != null && media.maxFileBytes() > S3_SINGLE_PUT_MAX) {
            problems.add(MEDIA_MAX_FILE_BYTES.name() + " may be at most " + S3_SINGLE_PUT_MAX + " (5 GiB) with "
                    + MEDIA_STORAGE.name() + "=S3: a blob is stored with one PUT");
        }
        return media;
    }

    /** S3's limit for one PutObject; blobs are not uploaded in parts. */
    private static final long S3_SINGLE_PUT_MAX = 5L << 30;

    private String linkKey() {
        String key = text(MEDIA_LINK_KEY);
        try {
            if (key.isEmpty() || java.util.Base64.getDecoder().decode(key).length >= 32) {
                return key;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        problems.add(MEDIA_LINK_KEY.name() + " must be base64 of at least 32 bytes (openssl rand -base64 32)");
        return "";
    }

    /** The bucket when {@code media.storage=S3}, else null. */
    private TernConfig.S3 s3() {
        enum Storage { LOCAL, S3 }
        if (enumValue(MEDIA_STORAGE, Storage.class, Storage.LOCAL) == Storage.LOCAL) {
            return null;
        }
        String endpoint = text(MEDIA_S3_ENDPOINT);
        if (!endpoint.isEmpty() && !endpoint.matches("https?://[^/?#\\s]+/?")) {
            problems.add(MEDIA_S3_ENDPOINT.name() + " must be an http:// or https:// URL without a path, was '"
                    + endpoint + "'");
        }
        String bucket = text(MEDIA_S3_BUCKET);
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            problems.add(MEDIA_S3_BUCKET.name() + " must name an existing bucket (3-63 of a-z 0-9 . -) when "
                    + MEDIA_STORAGE.name() + " is S3, was '" + bucket + "'");
        }
        String id = text(MEDIA_S3_ACCESS_KEY);
        String secret = text(MEDIA_S3_SECRET);
        if (id.isEmpty() != secret.isEmpty()) {
            problems.add(MEDIA_S3_ACCESS_KEY.name() + " and " + MEDIA_S3_SECRET.name() + " must be given together");
        }
        String pathStyle = text(MEDIA_S3_PATH_STYLE);
        if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
            problems.add(MEDIA_S3_PATH_STYLE.name() + " must be true or false, was '" + pathStyle + "'");
        }
        return new TernConfig.S3(endpoint, text(MEDIA_S3_REGION), bucket, text(MEDIA_S3_PREFIX), id, secret,
                pathStyle.equals("true"));
    }

    private long longValue(ConfigKeys.Key key, long min, long max) {
        String raw = text(key);
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(key.name() + " must be an integer in " + min + ".." + max + ", was '" + raw + "'");
        return min;
    }

    /** Cluster keys, checked against the store: a cluster shares one PostgreSQL database. */
    private TernConfig.Cluster cluster(TernConfig.Store store) {
        TernConfig.Cluster cluster = new TernConfig.Cluster(
                enumValue(CLUSTER_MODE, TernConfig.ClusterMode.class, TernConfig.ClusterMode.SINGLE),
                integer(NODE_ID, 0, 1023), text(REDIS_URI), text(ADVERTISED_WS_URL), duration(HEARTBEAT),
                duration(NODE_TTL), text(OPS_TOKEN), duration(CLUSTER_START_WAIT), duration(LOGIN_STALE_AFTER),
                integer(ROUTE_CACHE_SIZE, 0, 10_000_000), integer(MOVE_RATE, 1, 100_000));
        if (store.kind() == TernConfig.StoreKind.POSTGRES && !store.jdbcUrl().startsWith("jdbc:postgresql:")) {
            problems.add(JDBC_URL.name() + " must start with jdbc:postgresql:, was '" + store.jdbcUrl() + "'");
        }
        if (cluster.mode() == TernConfig.ClusterMode.REDIS) {
            if (store.kind() != TernConfig.StoreKind.POSTGRES) {
                problems.add(CLUSTER_MODE.name() + "=REDIS needs " + STORE_KIND.name()
                        + "=POSTGRES: every node must share one database");
            }
            if (!cluster.redisUri().matches("(rediss?|redis-sentinel|rediss?-cluster)://\\S+")) {
                problems.add(REDIS_URI.name() + " must be a redis://, rediss://, redis-sentinel://, redis-cluster:// or rediss-cluster:// URI, was '"
                        + cluster.redisUri() + "'");
            }
            if (!cluster.advertisedWsUrl().isEmpty() && !cluster.advertisedWsUrl().matches("wss?://\\S+")) {
                problems.add(ADVERTISED_WS_URL.name() + " must be a ws:// or wss:// URL, was '"
                        + cluster.advertisedWsUrl() + "'");
            }
            if (cluster.ttl().compareTo(cluster.heartbeat().multipliedBy(2)) < 0) {
                problems.add(NODE_TTL.name() + " must be at least twice " + HEARTBEAT.name());
            }
            if (cluster.loginStaleAfter().compareTo(cluster.heartbeat()) <= 0) {
                problems.add(LOGIN_STALE_AFTER.name() + " must be longer than " + HEARTBEAT.name());
            }
        }
        return cluster;
    }

    /** A comma-separated list of web origins ({@code https://chat.example.com}), or {@code *} for any. */
    private java.util.List<String> origins(ConfigKeys.Key key) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String part : text(key).split(",")) {
            String origin = part.trim();
            if (origin.isEmpty()) {
                continue;
            }
            if (!origin.equals("*") && !origin.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?|https?://\\[[0-9a-fA-F:.]+](:\\d{1,5})?")) {
                problems.add(key.name() + ": '" + origin + "' is not an origin like https://chat.example.com or *");
                continue;
            }
            out.add(origin.toLowerCase(java.util.Locale.ROOT));
        }
        return java.util.List.copyOf(out);
    }

    private java.util.List<Cidr> cidrs(ConfigKeys.Key key) {
        java.util.List<Cidr> out = new java.util.ArrayList<>();
        for (String part : text(key).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(Cidr.parse(part));
            } catch (IllegalArgumentException e) {
                problems.add(key.name() + ": " + e.getMessage());
            }
        }
        return java.util.List.copyOf(out);
    }

    /** At most 10 s: a crash loses at most this much of delivered-cursor moves (SYNC offers those messages again). */
    private Duration cursorDelay() {
        Duration d = durationOrZero(DELIVERED_CURSOR_DELAY);
        if (d.compareTo(Duration.ofSeconds(10)) > 0) {
            problems.add(DELIVERED_CURSOR_DELAY.name() + " must be 0 or at most 10s, was '" + text(DELIVERED_CURSOR_DELAY)
                    + "'");
        }
        return d;
    }

    /** A duration where 0 means "off". */
    private Duration durationOrZero(ConfigKeys.Key key) {
        return text(key).equals("0") ? Duration.ZERO : duration(key);
    }

    private String text(ConfigKeys.Key key) {
        return values.get(key.name()).trim();
    }

    private int integer(ConfigKeys.Key key, int min, int max) {
        String raw = text(key);
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(key.name() + " must be an integer in " + min + ".." + max + ", was '" + raw + "'");
        return min;
    }

    private Duration duration(ConfigKeys.Key key) {
        String raw = text(key);
        Matcher m = DURATION.matcher(raw);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (!d.isZero() && d.compareTo(MAX_DURATION) <= 0) {
                return d;
            }
        }
        problems.add(key.name() + " must be a positive duration up to 3650d such as 500ms, 10s, 5m, 2h or 7d, was '"
                + raw + "'");
        return Duration.ofSeconds(1);
    }

    private <E extends Enum<E>> E enumValue(ConfigKeys.Key key, Class<E> type, E fallback) {
        String raw = text(key);
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add(key.name() + " must be one of " + List.of(type.getEnumConstants()) + ", was '" + raw + "'");
            return fallback;
        }
    }
}
