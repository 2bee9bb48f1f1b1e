package io.tern.server.core.push;

import io.tern.protocol.ErrorCode;
import io.tern.server.config.PushConfig;
import io.tern.server.core.TernException;
import io.tern.server.core.account.Principal;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/** Device registration and notification settings, checked before they are stored. Blocking (store). */
public final class PushService {
    private static final int MAX_TOKEN_CHARS = 4096;

    private final PushStore store;
    private final Set<Platform> configured;
    private final PushConfig config;
    private final Clock clock;
    private final BiPredicate<Long, String> isMember;

    /** {@code isMember}: whether a user is or was a member of a conversation (only those can be muted). */
    public PushService(PushStore store, Set<Platform> configured, PushConfig config, Clock clock,
                       BiPredicate<Long, String> isMember) {
        this.store = store;
        this.configured = Set.copyOf(configured);
        this.config = config;
        this.clock = clock;
        this.isMember = isMember;
    }

    /** A registration: {@code token} for FCM, APNs and webhook; the subscription's three parts for Web Push. */
    public record Registration(String platform, String token, String endpoint, String p256dh, String auth,
                               String locale) {
    }

    public PushDevice register(Principal principal, Registration r) {
        Platform platform = Platform.parse(r.platform());
        if (platform == null) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'platform' must be one of webpush, fcm, apns, webhook");
        }
        if (!configured.contains(platform)) {
            throw new TernException(ErrorCode.PUSH_PLATFORM_UNAVAILABLE, platform.wireName()
                    + " notifications are not configured on this server");
        }
        String locale = r.locale() == null ? null : r.locale().trim();
        if (locale != null && !locale.matches("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8}){0,3}")) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'locale' must be a language tag such as en or de-CH");
        }
        String token;
        String p256dh = null;
        String auth = null;
        if (platform == Platform.WEBPUSH) {
            token = endpoint(r.endpoint());
            p256dh = key(r.p256dh(), "p256dh", 65);
            auth = key(r.auth(), "auth", 16);
        } else {
            token = r.token();
            if (token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
                throw new TernException(ErrorCode.INVALID_FIELD, "'token' must be a non-empty string of at most "
                        + MAX_TOKEN_CHARS + " characters");
            }
        }
        String theToken = token;
        List<PushDevice> mine = store.devices(principal.userId());
        boolean replacing = mine.stream().anyMatch(d -> d.platform() == platform && d.token().equals(theToken));
        if (!replacing && mine.size() >= config.maxDevicesPerUser()) {
            throw new TernException(ErrorCode.PUSH_DEVICE_LIMIT, "at most " + config.maxDevicesPerUser()
                    + " push devices per user; remove one first");
        }
        return store.register(new PushStore.NewDevice(principal.userId(), principal.deviceId(), principal.tokenHash(),
                platform, token, p256dh, auth, locale), clock.millis());
    }

    private String endpoint(String endpoint) {
        boolean ok = endpoint != null && endpoint.length() <= MAX_TOKEN_CHARS
                && (endpoint.startsWith("https://") || (config.webPush().allowInsecure() && endpoint.startsWith("http://")));
        String host = null;
        try {
            host = ok ? java.net.URI.create(endpoint).getHost() : null;
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'subscription.endpoint' must be an https:// URL");
        }
        // the endpoint is the user's choice: keep the server from posting to its own network by address
        if (!config.webPush().allowInsecure() && internal(host)) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'subscription.endpoint' must be a public push service");
        }
        return endpoint;
    }

    /** A loopback, private, link-local or unique-local address literal, or localhost. */
    private static boolean internal(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.startsWith("[")) {
            return false; // a name: resolved by the HTTP client when sending (see docs/push.md)
        }
        try {
            java.net.InetAddress a = java.net.InetAddress.getByName(h.replace("[", "").replace("]", ""));
            return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc);
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }

    private static String key(String value, String name, int bytes) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(value == null ? "" : value.replace("=", ""));
            if (raw.length == bytes && (bytes != 65 || raw[0] == 4)) {
                return value.replace("=", "");
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new TernException(ErrorCode.INVALID_FIELD, "'subscription.keys." + name + "' must be " + bytes
                + " bytes in base64url" + (bytes == 65 ? " (an uncompressed P-256 point)" : ""));
    }

    public List<PushDevice> devices(long userId) {
        return store.devices(userId);
    }

    public void remove(long userId, long deviceId) {
        if (!store.remove(userId, deviceId)) {
            throw new TernException(ErrorCode.NO_SUCH_PUSH_DEVICE, "no push device " + deviceId);
        }
    }

    public PushSettings settings(long userId) {
        return store.settings(userId);
    }

    public List<Mute> mutes(long userId) {
        return store.mutes(userId);
    }

    /** Changes what is given (null: unchanged). */
    public PushSettings update(long userId, Boolean preview, Long dndUntil) {
        if (dndUntil != null && dndUntil < 0) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'dndUntil' must be epoch milliseconds, or 0 for off");
        }
        PushSettings old = store.settings(userId);
        PushSettings next = new PushSettings(preview == null ? old.preview() : preview,
                dndUntil == null ? old.dndUntil() : dndUntil);
        store.saveSettings(userId, next);
        return next;
    }

    public Mute mute(long userId, String conversationId, Long until) {
        if (!isMember.test(userId, conversationId)) {
            throw new TernException(ErrorCode.NOT_A_MEMBER, "not a member of " + conversationId);
        }
        if (until != null && until <= clock.millis()) {
            throw new TernException(ErrorCode.INVALID_FIELD, "'until' must be in the future (epoch milliseconds)");
        }
        Mute mute = new Mute(conversationId, until);
        store.saveMute(userId, mute);
        return mute;
    }

    public void unmute(long userId, String conversationId) {
        store.removeMute(userId, conversationId);
    }
}
